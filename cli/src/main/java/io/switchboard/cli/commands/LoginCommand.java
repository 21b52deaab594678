package io.switchboard.cli.commands;

import io.switchboard.cli.Api;
import io.switchboard.cli.Environment;
import io.switchboard.cli.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sbf login}: checks the key against the server and stores it as a profile (file mode 0600). */
@Command(name = "login", description = "Store the API URL, account and API key as a profile (checked against the server first).")
public final class LoginCommand extends BaseCommand {
    @Option(names = "--url", required = true, description = "The server, e.g. http://localhost:8181.")
    String url;

    @Option(names = {"-a", "--account"}, required = true, description = "The account (LivePerson: the brand id).")
    String account;

    @Option(names = "--key", required = true, description = "An API key of the account (or the admin key).")
    String key;

    @Option(names = "--no-check", description = "Store without asking the server.")
    boolean noCheck;

    public LoginCommand(Environment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        String name = profile == null ? "default" : profile;
        Profile candidate = new Profile(name, url, account, key);
        if (!noCheck) {
            Api api = new Api(candidate);
            api.get(api.accountPath("/functions?page=0&size=1"));
        }
        profiles().save(candidate, true);
        output.line("logged in to " + url + " as account '" + account + "' (profile '" + name + "', " + profiles().file() + ")");
        return 0;
    }
}
