package io.helklab.door.hunt;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/hunt/saved-searches}: {@code GET /} lists them, {@code GET /{id}} gives one, {@code POST /}
 * saves a user's search (replacing one of the same name), {@code DELETE /{id}} removes a user's search.
 */
final class SavedSearchApi implements JsonEndpoint.Route {
    private final SavedSearches searches;

    SavedSearchApi(SavedSearches searches) {
        this.searches = searches;
    }

    @Override
    public Object answer(HttpServerExchange exchange, String path, Parameters parameters) throws IOException {
        parameters.requireOnly(Set.of());
        String id = path.substring(1);
        if (id.isEmpty()) {
            JsonEndpoint.requireMethod(exchange, Methods.GET, Methods.POST);
            if (exchange.getRequestMethod().equals(Methods.POST)) {
                return searches.save(JsonEndpoint.readObject(exchange));
            }
            return Map.of("savedSearches", searches.list());
        }
        if (id.contains("/")) {
            throw HuntRequestException.notFound("No saved-search API at " + path + ".");
        }
        JsonEndpoint.requireMethod(exchange, Methods.GET, Methods.DELETE);
        if (exchange.getRequestMethod().equals(Methods.DELETE)) {
            searches.delete(id);
            return Map.of("deleted", id);
        }
        return searches.get(id);
    }
}
