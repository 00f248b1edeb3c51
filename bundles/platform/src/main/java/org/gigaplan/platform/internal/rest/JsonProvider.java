package org.gigaplan.platform.internal.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import javax.ws.rs.Consumes;
import javax.ws.rs.Produces;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.StreamingOutput;
import javax.ws.rs.ext.MessageBodyReader;
import javax.ws.rs.ext.MessageBodyWriter;

import org.gigaplan.platform.internal.Json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads and writes JSON bodies of the /api application with the platform's mapper. */
@Consumes({ MediaType.APPLICATION_JSON, "application/*+json" })
@Produces({ MediaType.APPLICATION_JSON, "application/*+json" })
public class JsonProvider implements MessageBodyReader<Object>, MessageBodyWriter<Object> {

    private final ObjectMapper mapper = Json.mapper();
    /** The JSON of {@link Reused} answers: the plan and the roll-ups, each served many times as one instance. */
    private final WrittenOnce written = new WrittenOnce(16);

    private static boolean handles(Class<?> type, MediaType mediaType) {
        boolean json = mediaType == null || mediaType.getSubtype().equals("json") || mediaType.getSubtype().endsWith("+json");
        return json && type != String.class && type != byte[].class && !InputStream.class.isAssignableFrom(type)
                && !Reader.class.isAssignableFrom(type) && !StreamingOutput.class.isAssignableFrom(type);
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return handles(type, mediaType);
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> headers, InputStream body) throws IOException {
        try {
            Object value = mapper.readValue(body, mapper.constructType(genericType));
            if (value == null) {
                throw new WebApplicationException(
                        Problem.invalid(java.util.List.of(new org.gigaplan.plan.rest.InvalidInputException.FieldError(
                                "body", "a JSON body is required"))).toResponse());
            }
            return value;
        } catch (JsonProcessingException e) {
            // Answered here, not by a mapper: a reader's exceptions bypass the application's mappers in CXF.
            throw new WebApplicationException(e, Problem.invalid(Json.invalidInput(e).errors()).toResponse());
        }
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return handles(type, mediaType);
    }

    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        if (value == null || !reused(annotations)) {
            mapper.writeValue(out, value);
            return;
        }
        byte[] json = written.find(value);
        if (json == null) {
            json = mapper.writeValueAsBytes(value);
            written.keep(value, json);
        }
        out.write(json);
    }

    private static boolean reused(Annotation[] annotations) {
        if (annotations != null) {
            for (Annotation a : annotations) {
                if (a.annotationType() == Reused.class) {
                    return true;
                }
            }
        }
        return false;
    }
}
