/**
 * The Manager's REST API: resources with the original paths and JSON field names, request binding with
 * strict types and Bean Validation, and errors as {@code application/problem+json}.
 */
package org.openaperture.manager.interfaces.rest;
