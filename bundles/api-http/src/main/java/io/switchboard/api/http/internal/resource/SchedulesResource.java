package io.switchboard.api.http.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.api.http.internal.json.Envelope;
import io.switchboard.api.http.internal.json.FieldReader;
import io.switchboard.api.http.internal.json.Json;
import io.switchboard.api.http.internal.json.Views;
import io.switchboard.api.http.internal.routing.Router;
import io.switchboard.api.http.internal.web.ApiRequest;
import io.switchboard.api.http.internal.web.ApiResponse;
import io.switchboard.core.api.dispatch.Header;
import io.switchboard.core.api.schedule.ScheduleInfo;
import io.switchboard.core.api.schedule.ScheduleService;
import io.switchboard.core.api.schedule.ScheduleSpec;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code /accounts/{account}/schedules}: LivePerson's "Schedule an Invocation" with its V2 field names. A schedule is
 * replaced whole with {@code PUT}; {@code isActive: false} pauses it, {@code true} resumes it.
 */
public final class SchedulesResource {
    private static final String BASE = "/accounts/{account}/schedules";
    private static final Set<String> FIELDS = Set.of("functionUuid", "cronExpression", "isActive", "description", "timeZone",
            "invocationBody");

    private final ScheduleService schedules;
    private final Json json;

    public SchedulesResource(ScheduleService schedules, Json json) {
        this.schedules = schedules;
        this.json = json;
    }

    /** A schedule as the API shows it. */
    public record ScheduleView(String id, String functionUuid, String cronExpression, boolean isActive, String description,
                               String timeZone, String nextExecution, String lastExecution, Boolean didLastExecutionFail,
                               String lastInvocationId, InvocationBody invocationBody, String createdAt, String updatedAt) {
    }

    /** What the function is invoked with. */
    public record InvocationBody(List<Header> headers, JsonNode payload) {
    }

    public void addRoutes(Router.Builder router) {
        router.get(BASE, r -> ApiResponse.ok(new Views.Items<>(schedules.list(r.path("account")).stream().map(this::view).toList())))
              .post(BASE, this::create)
              .get(BASE + "/{id}", r -> ApiResponse.ok(view(schedules.get(r.path("account"), r.path("id")))))
              .put(BASE + "/{id}", r -> ApiResponse.ok(view(schedules.update(r.path("account"), r.path("id"), spec(r)))))
              .delete(BASE + "/{id}", this::delete);
    }

    private ApiResponse create(ApiRequest request) {
        String account = request.path("account");
        ScheduleInfo created = schedules.create(account, spec(request));
        return ApiResponse.created(request.location("/accounts/" + account + "/schedules/" + created.id()), view(created));
    }

    private ApiResponse delete(ApiRequest request) {
        schedules.delete(request.path("account"), request.path("id"));
        return ApiResponse.noContent();
    }

    private ScheduleSpec spec(ApiRequest request) {
        FieldReader fields = new FieldReader(request.body().requiredObject(), FIELDS);
        String function = fields.requiredString("functionUuid");
        String cron = fields.requiredString("cronExpression");
        JsonNode active = fields.optionalNode("isActive");
        if (active != null && !active.isBoolean()) {
            fields.reject("/isActive", "must be true or false");
        }
        String description = fields.optionalString("description");
        String timeZone = fields.optionalString("timeZone");
        JsonNode body = fields.optionalNode("invocationBody");
        if (body != null && !body.isNull() && !body.isObject()) {
            fields.reject("/invocationBody", "must be an object {\"headers\": ..., \"payload\": ...}");
        }
        fields.throwIfInvalid("The schedule");
        Envelope envelope = Envelope.read(body instanceof ObjectNode object ? object : json.object(), false, json);
        return new ScheduleSpec(function, cron, active == null || active.booleanValue(), description, timeZone, envelope.headers(),
                json.text(envelope.payload()));
    }

    private ScheduleView view(ScheduleInfo s) {
        ScheduleSpec spec = s.spec();
        return new ScheduleView(s.id(), spec.functionUuid(), spec.cronExpression(), spec.active(), spec.description(), spec.timeZone(),
                time(s.nextExecution()), time(s.lastExecution()), s.didLastExecutionFail(), s.lastInvocationId(),
                new InvocationBody(spec.headers(), json.embed(spec.payloadJson())), time(s.createdAt()), time(s.updatedAt()));
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
