package io.helklab.door.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/hunt/workshop}: {@code POST /answers} with {@code {student?, scenario, challenge, answer}} judges
 * and records a right answer, {@code GET /scoreboard} is the instructor's view, {@code GET /progress?student=}
 * what one student solved.
 */
final class WorkshopApi implements JsonEndpoint.Route {
    private final WorkshopProgress progress;

    WorkshopApi(WorkshopProgress progress) {
        this.progress = progress;
    }

    @Override
    public Object answer(HttpServerExchange exchange, String path, Parameters parameters) throws IOException {
        switch (path) {
            case "/answers" -> {
                JsonEndpoint.requireMethod(exchange, Methods.POST);
                parameters.requireOnly(Set.of());
                JsonNode body = JsonEndpoint.readObject(exchange);
                return progress.answer(body.path("student").asText(""), required(body, "scenario"),
                        required(body, "challenge"), body.path("answer").asText(""));
            }
            case "/scoreboard" -> {
                JsonEndpoint.requireMethod(exchange, Methods.GET);
                parameters.requireOnly(Set.of());
                return progress.scoreboard();
            }
            case "/progress" -> {
                JsonEndpoint.requireMethod(exchange, Methods.GET);
                parameters.requireOnly(Set.of("student"));
                String student = parameters.required("student", WorkshopProgress.MAXIMUM_NAME + 10);
                return Map.of("student", student, "solved", progress.solvedBy(student));
            }
            default -> throw HuntRequestException.notFound("No workshop API at " + path + ". Use POST /answers, "
                    + "GET /scoreboard or GET /progress?student=.");
        }
    }

    private static String required(JsonNode body, String name) {
        String value = body.path(name).asText("");
        if (value.isBlank()) {
            throw HuntRequestException.badParameter(name, "The body needs a text field '" + name + "'.");
        }
        return value;
    }
}
