package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** A plain AWS Lambda Java handler: greets the event's {@code name} (default {@code world}). */
public class Hello implements RequestHandler<Map<String, Object>, Map<String, String>> {

    @Override
    public Map<String, String> handleRequest(Map<String, Object> event, Context context) {
        Object name = event == null ? null : event.get("name");
        String greeted = name == null ? "world" : name.toString();
        context.getLogger().log("hello-java-ric: greeting " + greeted + " in " + context.getFunctionName());
        return Map.of("message", "Hello, " + greeted + "!");
    }
}
