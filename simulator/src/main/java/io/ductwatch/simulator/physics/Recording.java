package io.ductwatch.simulator.physics;

import io.ductwatch.config.FileProblemException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measured (or FDS-computed) ceiling gas temperatures of a real fire, to replay instead of the reference
 * physics (DESIGN 2.6 {@code recorded}): the times of the rows, the stations' offsets from the fire
 * (metres, positive downstream) and their temperatures, °C. Two formats: the measured-data CSV
 * ({@code time_s}, one {@code x_<d>m} column per station, optionally {@code HRR_kW}), and FDS device
 * files ({@code *_devc.csv}: a units row, then the device ids, then the rows) with the columns named by
 * a station map. What a sensor sees at an offset is each station's rise above its first row, linear in
 * time between rows and in offset between stations, zero beyond the outermost stations. Immutable.
 */
public final class Recording {

    private static final Pattern STATION = Pattern.compile("x_(-?\\d+(?:\\.\\d+)?)m");

    private final double[] times;
    private final double[] offsets;
    /** Rise above the first row, per row and station (stations in increasing offset). */
    private final double[][] rises;

    private Recording(double[] times, double[] offsets, double[][] rises) {
        this.times = times;
        this.offsets = offsets;
        this.rises = rises;
    }

    /**
     * Reads a recording.
     *
     * @param stations for an FDS device file, the columns to use and their offsets; empty for the CSV format
     * @param reversed the file's positive offsets are upstream: they are turned round
     * @throws FileProblemException naming the line when the file cannot be used
     */
    public static Recording read(Path file, Map<String, Double> stations, boolean reversed) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        boolean devc = !stations.isEmpty();
        int header = devc ? 1 : 0;
        if (lines.size() < header + 2) {
            throw new FileProblemException(file, 0, "needs a header and at least one row");
        }
        String[] names = split(lines.get(header));
        List<Integer> columns = new ArrayList<>();
        List<Double> offsetList = new ArrayList<>();
        if (devc) {
            for (Map.Entry<String, Double> station : stations.entrySet()) {
                int column = Arrays.asList(names).indexOf(station.getKey());
                if (column < 1) {
                    throw new FileProblemException(file, header + 1, "no device column '" + station.getKey() + "'");
                }
                columns.add(column);
                offsetList.add(station.getValue());
            }
        } else {
            if (!names[0].equals("time_s")) {
                throw new FileProblemException(file, 1, "the first column must be time_s, not '" + names[0] + "'");
            }
            for (int i = 1; i < names.length; i++) {
                Matcher m = STATION.matcher(names[i]);
                if (m.matches()) {
                    columns.add(i);
                    offsetList.add(Double.parseDouble(m.group(1)));
                } else if (!names[i].equals("HRR_kW")) {
                    throw new FileProblemException(file, 1, "column '" + names[i] + "' is neither x_<d>m nor HRR_kW");
                }
            }
        }
        if (columns.isEmpty()) {
            throw new FileProblemException(file, header + 1, "names no station");
        }
        int n = columns.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double sign = reversed ? -1 : 1;
        Arrays.sort(order, (a, b) -> Double.compare(sign * offsetList.get(a), sign * offsetList.get(b)));
        double[] offsets = new double[n];
        for (int i = 0; i < n; i++) {
            offsets[i] = sign * offsetList.get(order[i]);
        }
        List<double[]> rows = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        double[] first = null;
        double[] last = new double[n];
        for (int line = header + 1; line < lines.size(); line++) {
            if (lines.get(line).isBlank()) {
                continue;
            }
            String[] cells = split(lines.get(line));
            double t = number(cells, 0, file, line + 1);
            if (Double.isNaN(t) || !times.isEmpty() && t <= times.get(times.size() - 1)) {
                throw new FileProblemException(file, line + 1, "time " + cells[0] + " does not increase");
            }
            double[] row = new double[n];
            for (int i = 0; i < n; i++) {
                double celsius = number(cells, columns.get(order[i]), file, line + 1);
                // A missing value keeps the station's last one.
                row[i] = Double.isNaN(celsius) ? (first == null ? Double.NaN : last[i]) : celsius;
            }
            if (first == null) {
                if (Arrays.stream(row).anyMatch(Double::isNaN)) {
                    throw new FileProblemException(file, line + 1, "the first row needs a value for every station");
                }
                first = row.clone();
            }
            last = row;
            double[] rise = new double[n];
            for (int i = 0; i < n; i++) {
                rise[i] = row[i] - first[i];
            }
            rows.add(rise);
            times.add(t);
        }
        return new Recording(times.stream().mapToDouble(Double::doubleValue).toArray(), offsets,
                rows.toArray(double[][]::new));
    }

    private static String[] split(String line) {
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].strip().replace("\"", "");
        }
        return cells;
    }

    private static double number(String[] cells, int column, Path file, int line) throws FileProblemException {
        if (column >= cells.length) {
            throw new FileProblemException(file, line, "has " + cells.length + " cells, column " + (column + 1)
                    + " is missing");
        }
        String cell = cells[column];
        if (cell.isEmpty() || cell.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new FileProblemException(file, line, "'" + cell + "' in column " + (column + 1) + " is not a number");
        }
    }

    /** The rise above the first row at a time of the file's own time base and an offset from the fire, K. */
    public double riseK(double fileTimeS, double offsetM) {
        if (fileTimeS < times[0] || offsetM < offsets[0] || offsetM > offsets[offsets.length - 1]) {
            return 0;
        }
        int row = Arrays.binarySearch(times, fileTimeS);
        if (row >= 0) {
            return atOffset(rises[row], offsetM);
        }
        int after = -row - 1;
        if (after >= times.length) {
            return atOffset(rises[times.length - 1], offsetM);
        }
        double w = (fileTimeS - times[after - 1]) / (times[after] - times[after - 1]);
        return (1 - w) * atOffset(rises[after - 1], offsetM) + w * atOffset(rises[after], offsetM);
    }

    private double atOffset(double[] rise, double offsetM) {
        int i = Arrays.binarySearch(offsets, offsetM);
        if (i >= 0) {
            return rise[i];
        }
        int after = -i - 1;
        double w = (offsetM - offsets[after - 1]) / (offsets[after] - offsets[after - 1]);
        return (1 - w) * rise[after - 1] + w * rise[after];
    }

    /** The stations' offsets from the fire, increasing, m. */
    public double[] offsets() {
        return offsets.clone();
    }
}
