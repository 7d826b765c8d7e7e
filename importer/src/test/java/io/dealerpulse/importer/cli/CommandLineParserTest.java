package io.dealerpulse.importer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dealerpulse.importer.StreamKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineParserTest {

    @Test
    void allOptions_includingKafkaPropertiesAndEqualsForm() throws Exception {
        CommandLine command = CommandLineParser.parse(List.of("appointments", "--file", "a.csv", "--format=csv",
                "--bootstrap", "kafka:9092", "--network-key-file", "/run/secrets/key", "--source", "planity",
                "--registry", "r.yaml", "--strict", "--create-topics", "--kafka.security.protocol", "SSL",
                "--kafka.linger.ms=5"));

        assertThat(command.stream()).isEqualTo(StreamKind.APPOINTMENTS);
        assertThat(command.file()).isEqualTo(Path.of("a.csv"));
        assertThat(command.format()).isEqualTo("csv");
        assertThat(command.bootstrap()).isEqualTo("kafka:9092");
        assertThat(command.networkKeyFile()).isEqualTo(Path.of("/run/secrets/key"));
        assertThat(command.source()).isEqualTo("planity");
        assertThat(command.registryFile()).isEqualTo(Path.of("r.yaml"));
        assertThat(command.strict()).isTrue();
        assertThat(command.createTopics()).isTrue();
        assertThat(command.dryRun()).isFalse();
        assertThat(command.kafkaProperties()).isEqualTo(Map.of("security.protocol", "SSL", "linger.ms", "5"));
    }

    @Test
    void mistakes_sayWhatToChange() {
        assertThatThrownBy(() -> CommandLineParser.parse(List.of("--file", "a.csv", "--dry-run")))
                .hasMessage("say what to import: registry, appointments or surveys");
        assertThatThrownBy(() -> CommandLineParser.parse(List.of("visits", "--file", "a.csv")))
                .hasMessage("unknown stream 'visits': use registry, appointments or surveys");
        assertThatThrownBy(() -> CommandLineParser.parse(List.of("surveys", "--dry-run")))
                .hasMessage("--file is required: the file to import");
        assertThatThrownBy(() -> CommandLineParser.parse(List.of("surveys", "--file", "s.jsonl")))
                .hasMessage("--bootstrap host:port is required to publish (or pass --dry-run to validate only)");
        assertThatThrownBy(() -> CommandLineParser.parse(List.of("surveys", "--file", "s.jsonl", "--verbose")))
                .hasMessage("unknown option --verbose (see --help)");
        assertThatThrownBy(() -> CommandLineParser.parse(List.of("surveys", "--file")))
                .hasMessage("--file needs a value");
    }
}
