import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The program FlameGraphsTest records: a hot method (spinPrimes) for CPU samples, an allocating one (allocate) for
 * allocation samples, and a thread blocked in native code (accept) that wall-clock samples see and CPU samples do not.
 * Runs for the milliseconds given as its argument.
 */
public class HotLoop {
    static volatile long sink;
    static volatile byte[] kept;

    public static void main(String[] args) throws Exception {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread waiter = new Thread(() -> {
            try {
                server.accept();
            } catch (Exception e) {
                // closed at exit
            }
        }, "waiter");
        waiter.setDaemon(true);
        waiter.start();
        long end = System.nanoTime() + Long.parseLong(args[0]) * 1_000_000L;
        while (System.nanoTime() < end) {
            sink += spinPrimes(30_000);
            sink += allocate(64);
        }
        server.close();
    }

    static long spinPrimes(int n) {
        long count = 0;
        for (int i = 2; i < n; i++) {
            boolean prime = true;
            for (int j = 2; j * j <= i; j++) {
                if (i % j == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) {
                count++;
            }
        }
        return count;
    }

    static long allocate(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            kept = new byte[4096 + i];
            sum += kept.length;
        }
        return sum;
    }
}
