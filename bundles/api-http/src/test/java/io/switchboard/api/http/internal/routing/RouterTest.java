package io.switchboard.api.http.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.api.http.internal.web.ApiResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
    private final Handler list = r -> ApiResponse.ok("list");
    private final Handler get = r -> ApiResponse.ok("get");
    private final Router router = Router.builder()
            .get("/accounts/{account}/functions", list)
            .get("/accounts/{account}/functions/{id}", get)
            .delete("/accounts/{account}/functions/{id}", get)
            .build();

    @Test
    void aMatchingRouteCarriesThePathVariables() {
        RouteMatch match = router.match("GET", "/accounts/acme/functions/fn-1");

        assertThat(match).isInstanceOf(RouteMatch.Found.class);
        assertThat(((RouteMatch.Found) match).route().handler()).isSameAs(get);
        assertThat(match.variables()).isEqualTo(Map.of("account", "acme", "id", "fn-1"));
    }

    @Test
    void aTrailingSlashMatchesTheSameRoute() {
        assertThat(router.match("GET", "/accounts/acme/functions/")).isInstanceOf(RouteMatch.Found.class);
    }

    @Test
    void aKnownPathWithAnotherMethodListsTheAllowedMethodsSorted() {
        RouteMatch match = router.match("POST", "/accounts/acme/functions/fn-1");

        assertThat(match).isInstanceOf(RouteMatch.MethodNotAllowed.class);
        assertThat(((RouteMatch.MethodNotAllowed) match).allowed()).containsExactly("DELETE", "GET");
        assertThat(match.variables()).containsEntry("account", "acme");
    }

    @Test
    void unknownPathsAndEmptyVariablesDoNotMatch() {
        assertThat(router.match("GET", "/accounts/acme")).isInstanceOf(RouteMatch.NotFound.class);
        assertThat(router.match("GET", "/accounts//functions")).isInstanceOf(RouteMatch.NotFound.class);
        assertThat(router.match("GET", "/accounts/acme/functions/fn-1/extra")).isInstanceOf(RouteMatch.NotFound.class);
    }

    @Test
    void aRouteDefinedTwiceOrABadTemplateIsRefused() {
        assertThatThrownBy(() -> Router.builder().get("/a", list).get("/a", get)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PathTemplate.of("/a/{id")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathTemplate.of("a/b")).isInstanceOf(IllegalArgumentException.class);
    }
}
