/** Build logs: lines a Builder reports for a workflow, as they travel to the people watching it. */
package org.openaperture.buildlog.domain;
