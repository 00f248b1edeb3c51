// Starts Swagger UI on the platform's OpenAPI document (a file, not an inline script: the pages' content security
// policy runs no inline script).
window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#explorer", deepLinking: true });
