package io.ductwatch.gateway.core;

/**
 * The stretch of duct a fire's effects cover, and which way it has grown since the alarm was raised
 * (DESIGN 2.2 {@code extentM}, {@code spread}). Downstream is towards increasing chainage, with the airflow.
 *
 * @param fromM the lowest chainage of a sensor in alarm for this fire, m
 * @param toM   the highest, m
 */
public record Extent(double fromM, double toM, Spread spread) {

    /** Which way the extent has grown since the alarm was raised. */
    public enum Spread { NONE, UPSTREAM, DOWNSTREAM, BOTH;

        /** How the payloads write it. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** This stretch, its spread judged against the one at the alarm's start. */
    Extent since(Extent first) {
        boolean up = fromM < first.fromM();
        boolean down = toM > first.toM();
        return new Extent(fromM, toM, up && down ? Spread.BOTH : up ? Spread.UPSTREAM : down ? Spread.DOWNSTREAM
                : Spread.NONE);
    }
}
