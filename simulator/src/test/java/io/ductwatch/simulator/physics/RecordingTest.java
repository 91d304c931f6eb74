package io.ductwatch.simulator.physics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ductwatch.config.FileProblemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading measured and FDS recordings, and what a sensor at an offset sees of them. */
class RecordingTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void rises_interpolate_in_time_and_offset_and_are_zero_beyond_the_stations() throws Exception {
        Recording r = Recording.read(write("t.csv", """
                time_s,x_-10.0m,x_0.0m,x_20.0m,HRR_kW
                0,10,10,10,0
                10,12,30,20,500
                20,14,50,40,900
                """), Map.of(), false);

        assertThat(r.riseK(10, 0)).isEqualTo(20);
        assertThat(r.riseK(15, 0)).isEqualTo(30);
        assertThat(r.riseK(10, 10)).isCloseTo(15, within(1e-9));
        assertThat(r.riseK(10, -5)).isCloseTo(11, within(1e-9));
        assertThat(r.riseK(10, 25)).isZero();
        assertThat(r.riseK(-1, 0)).isZero();
        assertThat(r.riseK(99, 20)).as("after the last row the last row holds").isEqualTo(30);
    }

    @Test
    void reversed_turns_the_offsets_round() throws Exception {
        Recording r = Recording.read(write("t.csv", "time_s,x_-10.0m,x_5.0m\n0,0,0\n10,4,8\n"), Map.of(), true);
        assertThat(r.offsets()).containsExactly(-5.0, 10.0);
        assertThat(r.riseK(10, 10)).isEqualTo(4);
    }

    @Test
    void an_fds_device_file_is_read_through_its_station_map() throws Exception {
        Recording r = Recording.read(write("run_devc.csv", """
                s,C,C,kW
                Time,TC_UP,TC_DOWN,HRR
                0.0,20.0,20.0,0
                5.0,25.0,60.0,100
                """), Map.of("TC_DOWN", 8.0, "TC_UP", -4.0), false);
        assertThat(r.offsets()).containsExactly(-4.0, 8.0);
        assertThat(r.riseK(5, 8)).isEqualTo(40);
        assertThat(r.riseK(5, -4)).isEqualTo(5);
    }

    @Test
    void a_bad_file_names_its_line() throws Exception {
        Path bad = write("bad.csv", "time_s,x_0.0m\n0,10\n10,hot\n");
        assertThatThrownBy(() -> Recording.read(bad, Map.of(), false)).isInstanceOf(FileProblemException.class)
                .hasMessage(bad + ":3: 'hot' in column 2 is not a number");
        Path backwards = write("back.csv", "time_s,x_0.0m\n10,10\n5,10\n");
        assertThatThrownBy(() -> Recording.read(backwards, Map.of(), false)).hasMessageContaining(":3: time 5 does not"
                + " increase");
        Path column = write("col.csv", "time_s,x_0.0m,temp\n0,1,2\n");
        assertThatThrownBy(() -> Recording.read(column, Map.of(), false)).hasMessageContaining("column 'temp' is"
                + " neither x_<d>m nor HRR_kW");
        Path devc = write("d_devc.csv", "s,C\nTime,TC_1\n0,20\n");
        assertThatThrownBy(() -> Recording.read(devc, Map.of("TC_9", 1.0), false)).hasMessageContaining(
                ":2: no device column 'TC_9'");
    }
}
