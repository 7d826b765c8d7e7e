package io.dealerpulse.demo;

import io.dealerpulse.demo.view.LiveBoard;
import io.dealerpulse.demo.view.TerminalView;
import io.dealerpulse.simulator.network.SiteProfile;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar demo/target/dealerpulse-demo.jar [options]}: runs the demo until Ctrl-C (or
 * {@code --duration}), refreshing the live view every second. Exit codes: 0 done, 1 failed, 2 bad options.
 */
public final class DemoMain {
    private DemoMain() {}

    public static void main(String[] args) {
        int code = run(args, System.out);
        System.exit(code);
    }

    public static int run(String[] args, PrintStream out) {
        DemoOptions options;
        try {
            if (List.of(args).contains("--help")) {
                out.println(DemoOptions.USAGE);
                return 0;
            }
            options = DemoOptions.parse(args, LocalDate.now(DemoOptions.NETWORK_ZONE));
        } catch (IllegalArgumentException e) {
            out.println("Error: " + e.getMessage());
            out.println(DemoOptions.USAGE);
            return 2;
        }
        Demo demo = new Demo(options, out);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            demo.start();
            List<String> sites = demo.network().scenario().sites().stream().map(SiteProfile::id).toList();
            long deadline = options.duration() == null ? Long.MAX_VALUE
                    : System.nanoTime() + options.duration().toNanos();
            while (!stop.await(1, TimeUnit.SECONDS) && System.nanoTime() < deadline) {
                if (demo.clock() == null) {
                    continue;
                }
                String footer = "Ctrl-C to stop" + (options.duration() == null ? "" : " (stops by itself after "
                        + options.duration().toSeconds() + " s)") + "\n";
                String screen = options.simulator()
                        ? TerminalView.render(demo.clock().instant(), options.speed(), LiveBoard.INSTANCE.rows(), sites,
                                footer)
                        : TerminalView.renderWallClock(demo.clock().instant(), LiveBoard.INSTANCE.rows(), footer);
                out.print(options.view() ? TerminalView.CLEAR + screen : screen);
                out.flush();
            }
            out.println("Stopping the demo ...");
            return 0;
        } catch (Exception e) {
            out.println("The demo failed: " + e);
            e.printStackTrace(out);
            return 1;
        } finally {
            demo.close();
            out.println("Demo stopped at " + Instant.now() + "; every process it started has ended.");
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for this
            }
        }
    }
}
