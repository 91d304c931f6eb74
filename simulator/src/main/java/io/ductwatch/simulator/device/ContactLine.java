package io.ductwatch.simulator.device;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The level on a GPIO input pin, as the wiring outside drives it; listeners hear every change. */
public final class ContactLine {

    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean high;

    public ContactLine(boolean high) {
        this.high = high;
    }

    public boolean isHigh() {
        return high;
    }

    /** Drives the pin; listeners are told on the caller's thread when the level changes. */
    public void drive(boolean level) {
        boolean changed;
        synchronized (this) {
            changed = high != level;
            high = level;
        }
        if (changed) {
            listeners.forEach(l -> l.accept(level));
        }
    }

    public void onChange(Consumer<Boolean> listener) {
        listeners.add(listener);
    }
}
