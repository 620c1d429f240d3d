package io.keepwarm.web.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.web.error.InvalidRequest;
import io.keepwarm.web.error.InvalidRequest.InvalidField;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * A body read as a JSON tree (a merge patch, an interaction parsed field by field) has no string deserializer in
 * the way, so {@link StrictJson}'s NUL check cannot see it: this walks the tree once it is read and answers 400
 * naming every string (value or key) that holds a NUL, e.g. {@code note} or {@code channels.email} or
 * {@code tags[1]}, before any controller looks at it.
 */
@ControllerAdvice
public class NulFreeJsonBodies extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType instanceof Class<?> type && JsonNode.class.isAssignableFrom(type);
    }

    @Override
    public Object afterBodyRead(
            Object body,
            HttpInputMessage inputMessage,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        if (body instanceof JsonNode tree) {
            List<InvalidField> invalid = new ArrayList<>();
            collect(tree, "", invalid);
            if (!invalid.isEmpty()) {
                throw new InvalidRequest(invalid);
            }
        }
        return body;
    }

    static void collect(JsonNode node, String path, List<InvalidField> invalid) {
        if (node.isTextual()) {
            if (node.textValue().indexOf('\0') >= 0) {
                invalid.add(new InvalidField(path.isEmpty() ? "body" : path, RequestTextFilter.NUL_MESSAGE));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "[" + i + "]", invalid);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String name = field.getKey().replace("\0", "");
                String child = path.isEmpty() ? name : path + "." + name;
                if (field.getKey().indexOf('\0') >= 0) {
                    invalid.add(new InvalidField(child.isEmpty() ? "body" : child, RequestTextFilter.NUL_MESSAGE));
                } else {
                    collect(field.getValue(), child, invalid);
                }
            }
        }
    }
}
