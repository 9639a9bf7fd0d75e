// Test peer for TradeX.Metrics: runs HdrHistogram's own Java implementation (Debian's
// libhdrhistogram-java) so the C# tests can compare encodings, percentiles and .hgrm text with it.
//   encode <lowest> <highest> <digits> <scale> <valuesFile>   values file lines: "v", "v count" or "v @interval"
//   decode <base64>                                            a compressed V2 histogram
//   decodelog <file>                                           a histogram log (HistogramLogReader)
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.HistogramLogReader;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileReader;
import java.nio.ByteBuffer;
import java.util.Base64;

public class HdrInterop {
    private static final double[] PERCENTILES = {0.0, 1.0, 10.0, 25.0, 50.0, 54.0, 75.0, 90.0, 99.0, 99.9, 99.99, 99.999, 100.0};

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "encode": encode(args); break;
            case "decode": describe(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(args[1])), 0)); break;
            case "decodelog": decodeLog(args[1]); break;
            default: throw new IllegalArgumentException(args[0]);
        }
        System.out.flush();
    }

    private static void encode(String[] args) throws Exception {
        Histogram h = new Histogram(Long.parseLong(args[1]), Long.parseLong(args[2]), Integer.parseInt(args[3]));
        double scale = Double.parseDouble(args[4]);
        try (BufferedReader reader = new BufferedReader(new FileReader(args[5]))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String[] parts = line.trim().split(" ");
                if (parts[0].isEmpty()) continue;
                long value = Long.parseLong(parts[0]);
                if (parts.length == 1) h.recordValue(value);
                else if (parts[1].startsWith("@")) h.recordValueWithExpectedInterval(value, Long.parseLong(parts[1].substring(1)));
                else h.recordValueWithCount(value, Long.parseLong(parts[1]));
            }
        }
        ByteBuffer plain = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoByteBuffer(plain);
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < length; i++) hex.append(String.format("%02x", plain.get(i)));
        System.out.println("PLAIN " + hex);
        ByteBuffer compressed = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int compressedLength = h.encodeIntoCompressedByteBuffer(compressed);
        byte[] bytes = new byte[compressedLength];
        compressed.rewind();
        compressed.get(bytes);
        System.out.println("COMPRESSED " + Base64.getEncoder().encodeToString(bytes));
        describe(h);
        System.out.println("HGRM-BEGIN");
        h.outputPercentileDistribution(System.out, scale);
        System.out.println("HGRM-END");
    }

    private static void describe(Histogram h) {
        System.out.println("TOTAL " + h.getTotalCount());
        System.out.println("MAX " + h.getMaxValue());
        System.out.println("MIN " + h.getMinValue());
        System.out.println("MEAN " + Double.doubleToLongBits(h.getMean()));
        System.out.println("RANGE " + h.getLowestDiscernibleValue() + " " + h.getHighestTrackableValue() + " " + h.getNumberOfSignificantValueDigits());
        for (double p : PERCENTILES) System.out.println("P " + p + " " + h.getValueAtPercentile(p));
        for (HistogramIterationValue v : h.recordedValues()) {
            System.out.println("V " + h.lowestEquivalentValue(v.getValueIteratedTo()) + " " + v.getCountAtValueIteratedTo());
        }
    }

    private static void decodeLog(String file) throws Exception {
        HistogramLogReader reader = new HistogramLogReader(new File(file));
        EncodableHistogram interval;
        while ((interval = reader.nextIntervalHistogram()) != null) {
            Histogram h = (Histogram) interval;
            System.out.println("INTERVAL " + h.getTag() + " " + h.getStartTimeStamp() + " " + h.getEndTimeStamp() + " " + h.getTotalCount() + " " + h.getMaxValue());
            describe(h);
        }
        System.out.println("STARTTIME " + reader.getStartTimeSec());
    }
}
