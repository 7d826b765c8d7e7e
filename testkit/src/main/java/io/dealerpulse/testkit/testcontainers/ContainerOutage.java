package io.dealerpulse.testkit.testcontainers;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.dealerpulse.testkit.local.process.FreePorts;
import io.dealerpulse.testkit.local.process.LogFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.WaitStrategy;

/**
 * Stop, start and kill of one container without losing its address or data, for outage tests.
 *
 * <p>Testcontainers' own {@code stop()} removes the container, and a new one would get a new random
 * host port. Instead the host port is pinned when the container is created, and an outage stops and
 * starts the same container through the Docker API, so the address and the container's files stay.
 */
final class ContainerOutage {

  private final GenericContainer<?> container;
  private final WaitStrategy ready;
  private final Consumer<OutputFrame> log;

  /**
   * Pins {@code containerPort} to a free host port and sends the container's output to
   * {@code target/testkit-logs/<name>-<n>.log}; call before the container starts.
   */
  ContainerOutage(String name, GenericContainer<?> container, int containerPort, WaitStrategy ready) {
    this.container = container;
    this.ready = ready;
    this.log = appendTo(LogFiles.create(name));
    int hostPort = FreePorts.pick();
    container
        .withExposedPorts(containerPort)
        .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
            new PortBinding(Ports.Binding.bindPort(hostPort), ExposedPort.tcp(containerPort))))
        .withLogConsumer(log)
        .waitingFor(ready);
  }

  void stop() {
    if (container.isRunning()) {
      container.getDockerClient().stopContainerCmd(container.getContainerId()).withTimeout(10).exec();
    }
  }

  void kill() {
    if (container.isRunning()) {
      container.getDockerClient().killContainerCmd(container.getContainerId()).withSignal("KILL").exec();
    }
  }

  void start() {
    if (container.isRunning()) {
      return;
    }
    container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
    container.followOutput(log);  // the previous log stream ended with the old process
    ready.waitUntilReady(container);
  }

  private static Consumer<OutputFrame> appendTo(Path file) {
    return frame -> {
      try {
        Files.writeString(file, frame.getUtf8String(), StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }
}
