package io.switchboard.api.http.internal.resource;

import io.switchboard.api.http.internal.web.ApiRequest;
import io.switchboard.api.http.internal.web.ApiResponse;

/**
 * The template endpoints, registered as a service of this bundle only while a template catalogue is installed; the
 * servlet answers 503 for them otherwise. Kept apart so the servlet never loads the (optional) template API.
 */
public interface TemplateEndpoints {

    /** {@code GET /templates[?eventType=]} */
    ApiResponse list(ApiRequest request);

    /** {@code GET /templates/{templateId}} */
    ApiResponse get(ApiRequest request);

    /** {@code POST /accounts/{account}/functions/from-template} */
    ApiResponse createFunction(ApiRequest request);

    /** {@code GET /template-rejections}: template files the catalogue refused, with the reason. */
    ApiResponse rejected(ApiRequest request);
}
