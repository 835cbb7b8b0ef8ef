package io.understudy.demo;

import io.understudy.schemas.serde.ContractClasses;
import io.understudy.demo.process.Jars;
import io.understudy.demo.scenario.ScenarioResult;
import io.understudy.demo.scenario.ScenarioSettings;
import io.understudy.demo.summary.SummaryJson;
import io.understudy.demo.summary.SummaryText;
import io.understudy.demo.summary.TimelineSvg;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./understudy demo}: a master takeover on the sandbox cloud under real traffic, shown live, summarised
 * on the terminal, as JSON and as a timeline picture. Exit code 0 when every promise held, 1 when one did not,
 * 2 for a bad command line.
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) {
        ContractClasses.trust();
        System.exit(run(List.of(args), System.out));
    }

    static int run(List<String> args, PrintStream out) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return 2;
        }
        Path workDir = options.summary().getParent().resolve("run");
        ScenarioSettings settings = new ScenarioSettings(options.warmup(), ScenarioSettings.DEMO.trafficAfterTakeover(),
                options.clients(), ScenarioSettings.DEMO.pauseMillis(), ScenarioSettings.DEMO.takeoverDeadline());
        try (DemoRun run = DemoRun.start(Jars.findRoot(), workDir, options.keep(), out)) {
            ScenarioResult result = run.takeover(settings);
            out.println();
            SummaryText.lines(result.summary()).forEach(out::println);
            SummaryJson.write(result.summary(), options.summary());
            Files.writeString(options.picture(), TimelineSvg.render(result.summary(), result.requests()));
            out.println("summary: " + options.summary());
            out.println("timeline: " + options.picture());
            return result.summary().passed() ? 0 : 1;
        } catch (Exception e) {
            out.println("the demo could not run: " + e.getMessage());
            out.println("logs: " + workDir.resolve("logs"));
            return 1;
        }
    }
}
