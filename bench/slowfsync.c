/*
 * An LD_PRELOAD shim for bench/run's alarm-latency-slowdisk line: every fsync and fdatasync of the process
 * sleeps SLOW_FSYNC_MS milliseconds (default 50) before syncing, as a Raspberry Pi's SD card can take
 * 10-100 ms. Built by bench/run with the machine's gcc; the harness JVM that measures the line runs with it.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static void slow(void) {
    const char *ms = getenv("SLOW_FSYNC_MS");
    long delay = ms ? atol(ms) : 50;
    struct timespec pause = { delay / 1000, (delay % 1000) * 1000000L };
    while (nanosleep(&pause, &pause) != 0) {
    }
}

int fsync(int fd) {
    static int (*real)(int);
    if (!real) {
        real = (int (*)(int)) dlsym(RTLD_NEXT, "fsync");
    }
    slow();
    return real(fd);
}

int fdatasync(int fd) {
    static int (*real)(int);
    if (!real) {
        real = (int (*)(int)) dlsym(RTLD_NEXT, "fdatasync");
    }
    slow();
    return real(fd);
}
