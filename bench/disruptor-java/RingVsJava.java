// The Java half of bench/ring-vs-java.sh: LMAX's Disruptor (Debian's libdisruptor-java) through the
// same tests, in the same order and with the same sizes, as TradeX.Bench's `ring-harness` runs on
// TradeX.Disruptor, printed as the same RESULT lines.
//   java -cp build:/usr/share/java/disruptor.jar:/usr/share/java/hdrhistogram.jar RingVsJava [--events N] [--runs N] [--seconds S] [--only throughput|pingpong] [--strategies a,b] [--label L]
// Written for this project from the Disruptor's public API; build and run with run.sh beside this file.

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.HdrHistogram.Histogram;

public final class RingVsJava {
    /** The entry: the same two longs as TradeX.Bench's BenchEntry, pre-allocated once per slot. */
    static final class Entry {
        long value;
        long stamp;
    }

    /** Sums the payload and publishes how far it got at the end of each batch. */
    static final class CountingHandler implements EventHandler<Entry> {
        volatile long handled = -1;
        long sum;

        @Override
        public void onEvent(Entry event, long sequence, boolean endOfBatch) {
            sum += event.value;
            if (endOfBatch) {
                handled = sequence;
            }
        }
    }

    /** Answers every ping on the pong ring. */
    static final class Echo implements EventHandler<Entry> {
        private final RingBuffer<Entry> pong;

        Echo(RingBuffer<Entry> pong) {
            this.pong = pong;
        }

        @Override
        public void onEvent(Entry event, long sequence, boolean endOfBatch) {
            long s = pong.next();
            pong.get(s).value = event.value;
            pong.publish(s);
        }
    }

    private static final int WARMUPS = 3;

    private static long events = 20_000_000L;
    private static int runs = 7;
    private static double seconds = 3;
    private static String only = null;
    private static String[] strategies = {"busy-spin", "yielding", "blocking"};
    private static String label = "java";

    public static void main(String[] args) throws Exception {
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--events" -> events = Long.parseLong(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                case "--only" -> only = args[i + 1];
                case "--strategies" -> strategies = args[i + 1].split(",");
                case "--label" -> label = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("# java %s, %d cores, events %,d, runs %d, ping-pong %s s per strategy%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), events, runs, seconds);
        if (only == null || only.equals("throughput")) {
            for (String strategy : strategies) {
                for (int batch : new int[] {1, 64}) {
                    double rate = medianRate(strategy, batch);
                    print(batch == 1 ? "1p1c-single" : "1p1c-batch64", strategy, String.format("mops=%.2f", rate));
                }
            }
        }
        if (only == null || only.equals("pingpong")) {
            for (String strategy : strategies) {
                print("pingpong", strategy, pingPong(strategy));
            }
        }
    }

    static WaitStrategy strategy(String name) {
        return switch (name) {
            case "busy-spin" -> new BusySpinWaitStrategy();
            case "yielding" -> new YieldingWaitStrategy();
            case "blocking" -> new BlockingWaitStrategy();
            case "lite-blocking" -> new LiteBlockingWaitStrategy();
            default -> throw new IllegalArgumentException("unknown wait strategy " + name);
        };
    }

    static void print(String test, String strategy, String fields) {
        System.out.println("RESULT side=" + label + " test=" + test + " strategy=" + strategy + " " + fields);
    }

    /** One producer (this thread) to one BatchEventProcessor on a 65,536-slot single-producer ring. */
    static double medianRate(String strategy, int batch) throws InterruptedException {
        RingBuffer<Entry> ring = RingBuffer.createSingleProducer(Entry::new, 1 << 16, strategy(strategy));
        CountingHandler handler = new CountingHandler();
        BatchEventProcessor<Entry> processor = new BatchEventProcessor<>(ring, ring.newBarrier(), handler);
        ring.addGatingSequences(processor.getSequence());
        Thread thread = new Thread(processor, "harness-consumer");
        thread.setDaemon(true);
        thread.start();
        while (!processor.isRunning()) {
            Thread.yield();
        }
        List<Double> rates = new ArrayList<>();
        for (int run = 0; run < WARMUPS + runs; run++) {
            long start = System.nanoTime();
            long last = batch == 1 ? produceOneAtATime(ring) : produceBatched(ring, batch);
            spinUntil(handler, last);
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (run >= WARMUPS) {
                rates.add(events / elapsed / 1e6);
            }
        }
        processor.halt();
        thread.join();
        return median(rates);
    }

    static long produceOneAtATime(RingBuffer<Entry> ring) {
        long last = -1;
        for (long i = 0; i < events; i++) {
            last = ring.next();
            ring.get(last).value = i;
            ring.publish(last);
        }
        return last;
    }

    static long produceBatched(RingBuffer<Entry> ring, int batch) {
        long last = -1;
        for (long i = 0; i < events; i += batch) {
            long high = ring.next(batch);
            long low = high - batch + 1;
            for (long s = low; s <= high; s++) {
                ring.get(s).value = s;
            }
            ring.publish(low, high);
            last = high;
        }
        return last;
    }

    /** Waits for the consumer: spins briefly, then yields (as TradeX.Bench's SpinUntil). */
    static void spinUntil(CountingHandler handler, long target) {
        int spins = 0;
        while (handler.handled < target) {
            if (++spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    /**
     * Round trips over two single-producer rings, both sides waiting with the strategy under test:
     * this thread publishes a ping and waits on the pong ring's barrier; an echo BatchEventProcessor
     * answers. One timestamp per trip; one second of warm-up, then `seconds` of measurement.
     */
    static String pingPong(String strategy) throws Exception {
        RingBuffer<Entry> ping = RingBuffer.createSingleProducer(Entry::new, 1024, strategy(strategy));
        RingBuffer<Entry> pong = RingBuffer.createSingleProducer(Entry::new, 1024, strategy(strategy));
        BatchEventProcessor<Entry> echo = new BatchEventProcessor<>(ping, ping.newBarrier(), new Echo(pong));
        ping.addGatingSequences(echo.getSequence());
        Sequence pongRead = new Sequence(-1);
        pong.addGatingSequences(pongRead);
        SequenceBarrier pongBarrier = pong.newBarrier();
        Thread thread = new Thread(echo, "harness-echo");
        thread.setDaemon(true);
        thread.start();
        while (!echo.isRunning()) {
            Thread.yield();
        }
        Histogram histogram = new Histogram(60_000_000_000L, 3);
        long next = loop(ping, pongBarrier, pongRead, 0, null, 1.0);
        loop(ping, pongBarrier, pongRead, next, histogram, seconds);
        echo.halt();
        thread.join();
        return String.format("p50=%d p90=%d p99=%d p999=%d max=%d mean=%.0f count=%d",
                histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90), histogram.getValueAtPercentile(99),
                histogram.getValueAtPercentile(99.9), histogram.getMaxValue(), histogram.getMean(), histogram.getTotalCount());
    }

    static long loop(RingBuffer<Entry> ping, SequenceBarrier pongBarrier, Sequence pongRead, long next, Histogram histogram, double seconds)
            throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long before = System.nanoTime();
        while (before < end) {
            long s = ping.next();
            ping.get(s).value = next;
            ping.publish(s);
            while (pongBarrier.waitFor(next) < next) {
                // a multi-producer gap cannot happen here; loop only for form
            }
            pongRead.set(next);
            next++;
            long after = System.nanoTime();
            if (histogram != null) {
                histogram.recordValue(Math.max(1, after - before));
            }
            before = after;
        }
        return next;
    }

    static double median(List<Double> values) {
        Collections.sort(values);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }
}
