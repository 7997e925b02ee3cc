package dev.hearth.web.api;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.models.Constructible;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.spi.OASFactoryResolver;

/**
 * The MicroProfile OpenAPI model as plain property maps, for unit tests: Payara's implementation
 * is not on the test class path. Getters, setters, fluent setters, {@code addX}/{@code removeX}
 * of map- and list-valued properties and a path item's operations behave as the model's contract
 * says; default methods run as declared.
 */
final class MapBackedOpenApiModels extends OASFactoryResolver {

    @Override
    public <T extends Constructible> T createObject(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, new Model(type)));
    }

    private static final class Model implements InvocationHandler {

        private final Class<?> type;
        private final Map<String, Object> properties = new LinkedHashMap<>();

        Model(Class<?> type) {
            this.type = type;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            int arity = args == null ? 0 : args.length;
            if (method.getDeclaringClass() == Object.class) {
                return switch (name) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> type.getSimpleName() + properties;
                };
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (name.equals("getOperations") && arity == 0) {
                Map<PathItem.HttpMethod, Object> operations = new EnumMap<>(PathItem.HttpMethod.class);
                for (PathItem.HttpMethod httpMethod : PathItem.HttpMethod.values()) {
                    if (properties.get(httpMethod.name()) != null) {
                        operations.put(httpMethod, properties.get(httpMethod.name()));
                    }
                }
                return operations;
            }
            if (name.equals("setOperation") && arity == 2) {
                properties.put(((PathItem.HttpMethod) args[0]).name(), args[1]);
                return null;
            }
            if (name.startsWith("get") && arity == 0) {
                return properties.get(name.substring(3));
            }
            if (name.startsWith("set") && arity == 1) {
                properties.put(name.substring(3), args[0]);
                return null;
            }
            if (name.startsWith("add") && arity == 2) {
                ((Map<Object, Object>) properties.computeIfAbsent(collection(name), key -> new LinkedHashMap<>()))
                        .put(args[0], args[1]);
                return proxy;
            }
            if (name.startsWith("add") && arity == 1) {
                ((List<Object>) properties.computeIfAbsent(collection(name), key -> new ArrayList<>())).add(args[0]);
                return proxy;
            }
            if (name.startsWith("remove") && arity == 1) {
                Object values = properties.get(collection(name));
                if (values instanceof Map<?, ?> map) {
                    map.remove(args[0]);
                } else if (values instanceof List<?> list) {
                    list.remove(args[0]);
                }
                return null;
            }
            if (arity == 1 && method.getReturnType().isAssignableFrom(type)) {
                properties.put(Character.toUpperCase(name.charAt(0)) + name.substring(1), args[0]);
                return proxy;
            }
            throw new UnsupportedOperationException(type.getSimpleName() + "." + name);
        }

        /** {@code addMediaType} and {@code removeMediaType} keep the property of {@code getMediaTypes}. */
        private String collection(String method) {
            String element = method.substring(method.startsWith("add") ? 3 : 6);
            String stem = element.endsWith("y") ? element.substring(0, element.length() - 1) : element;
            for (Method getter : type.getMethods()) {
                if (getter.getParameterCount() == 0
                        && getter.getName().startsWith("get" + stem)
                        && (Map.class.isAssignableFrom(getter.getReturnType())
                                || List.class.isAssignableFrom(getter.getReturnType()))) {
                    return getter.getName().substring(3);
                }
            }
            throw new UnsupportedOperationException(type.getSimpleName() + "." + method);
        }
    }
}
