package io.switchboard.health.internal;

import java.util.List;

/**
 * The verdict of one health check: UP when every project bundle and component is running and no contributed check
 * (see {@link CheckSnapshot}) reports a problem.
 */
record HealthReport(List<BundleSnapshot> bundles, List<ComponentSnapshot> components, List<CheckSnapshot> checks) {

    HealthReport {
        bundles = List.copyOf(bundles);
        components = List.copyOf(components);
        checks = List.copyOf(checks);
    }

    HealthReport(List<BundleSnapshot> bundles, List<ComponentSnapshot> components) {
        this(bundles, components, List.of());
    }

    boolean up() {
        return problems().isEmpty();
    }

    /** One line per bundle or component that is not running, naming it and why. */
    List<String> problems() {
        var bundleProblems = bundles.stream()
                .filter(b -> !b.healthy())
                .map(b -> "bundle " + b.symbolicName() + " is " + b.state());
        var componentProblems = components.stream()
                .filter(c -> !c.healthy())
                .map(c -> "component " + c.name() + " (" + c.bundle() + ") is " + c.state()
                        + (c.detail().isEmpty() ? "" : ": " + c.detail()));
        var checkProblems = checks.stream().filter(CheckSnapshot::critical)
                .flatMap(c -> c.problems().stream().map(p -> "check " + c.name() + ": " + p));
        return java.util.stream.Stream.concat(java.util.stream.Stream.concat(bundleProblems, componentProblems), checkProblems)
                .toList();
    }

    /** Problems of warning checks: listed for the admin, not counted against UP. */
    List<String> warnings() {
        return checks.stream().filter(c -> !c.critical())
                .flatMap(c -> c.problems().stream().map(p -> "check " + c.name() + ": " + p)).toList();
    }

    /** Only the verdict: what an unauthenticated caller (a load balancer, anyone who reaches the port) may see. */
    String statusJson() {
        return "{\"status\":" + Json.quote(up() ? "UP" : "DOWN") + "}";
    }

    /** The verdict with every bundle, component and check: for the admin key only. */
    String toJson() {
        var json = new StringBuilder(1024);
        json.append("{\"status\":").append(Json.quote(up() ? "UP" : "DOWN"));
        json.append(",\"problems\":[");
        appendAll(json, problems().stream().map(Json::quote).toList());
        json.append("],\"warnings\":[");
        appendAll(json, warnings().stream().map(Json::quote).toList());
        json.append("],\"bundles\":[");
        appendAll(json, bundles.stream().map(b -> "{\"name\":" + Json.quote(b.symbolicName())
                + ",\"version\":" + Json.quote(b.version()) + ",\"state\":" + Json.quote(b.state()) + "}").toList());
        json.append("],\"components\":[");
        appendAll(json, components.stream().map(c -> "{\"name\":" + Json.quote(c.name())
                + ",\"bundle\":" + Json.quote(c.bundle()) + ",\"state\":" + Json.quote(c.state())
                + (c.detail().isEmpty() ? "" : ",\"detail\":" + Json.quote(c.detail())) + "}").toList());
        json.append("],\"checks\":[");
        appendAll(json, checks.stream().map(c -> "{\"name\":" + Json.quote(c.name())
                + ",\"status\":" + Json.quote(c.status()) + ",\"problems\":["
                + String.join(",", c.problems().stream().map(Json::quote).toList()) + "]}").toList());
        return json.append("]}").toString();
    }

    private static void appendAll(StringBuilder json, List<String> items) {
        json.append(String.join(",", items));
    }
}
