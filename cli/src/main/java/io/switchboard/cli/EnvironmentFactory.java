package io.switchboard.cli;

import picocli.CommandLine;

/** Creates commands with the {@link Environment} when they take one in their constructor. */
final class EnvironmentFactory implements CommandLine.IFactory {
    private final Environment environment;

    EnvironmentFactory(Environment environment) {
        this.environment = environment;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        try {
            return type.getDeclaredConstructor(Environment.class).newInstance(environment);
        } catch (NoSuchMethodException e) {
            return CommandLine.defaultFactory().create(type);
        }
    }
}
