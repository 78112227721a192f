/** The callers of the API as users, known by the subject of their token. */
package org.openaperture.identity.domain;
