package io.github.jpackagedeb.examples.hello;

import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.lang3.StringUtils;
import org.apache.commons.text.StringSubstitutor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hello-cli greet NAME}: prints {@code Hello, NAME!}. */
@Command(name = "greet", description = "Prints a greeting.")
final class GreetCommand implements Callable<Integer> {

    static final String DEFAULT_TEMPLATE = "Hello, ${name}!";

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Who to greet.")
    private String name;

    // no picocli defaultValue: picocli would expand ${name} in it ("$${" escapes that in text)
    @Option(names = "--template", paramLabel = "TEXT",
            description = "Greeting text; $${name} is replaced by NAME (default: 'Hello, $${name}!').")
    private String template = DEFAULT_TEMPLATE;

    @Override
    public Integer call() {
        if (StringUtils.isBlank(name)) {
            throw new ParameterException(spec.commandLine(),
                    "NAME is blank: give a name to greet, for example: greet Ada");
        }
        if (!template.contains("${name}")) {
            throw new ParameterException(spec.commandLine(),
                    "--template '" + template + "' has no ${name} placeholder: add one, for example: --template 'Hi, ${name}.'");
        }
        String greeting = new StringSubstitutor(Map.of("name", name.strip())).replace(template);
        spec.commandLine().getOut().println(greeting);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
