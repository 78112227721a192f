package org.openaperture.deployer.domain;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import org.openaperture.worker.domain.MilestoneRequest;

/**
 * What the Deployer reads from a milestone request (components.md §1.7): the cluster ({@code etcd_token}), the
 * units the Builder found ({@code deployable_units}), {@code fleet_config.instance_cnt}, and for {@code
 * deploy_ecs} the {@code aws_config} and {@code ecs_task_definition}.
 */
public final class DeployerRequest {
    private DeployerRequest() {}

    public static String cluster(MilestoneRequest request) {
        return request.field("etcd_token");
    }

    /** {@code fleet_config.instance_cnt}, or null when the workflow names none. */
    public static Integer instanceCount(MilestoneRequest request) {
        if (request.envelope().get("fleet_config") instanceof JsonObject fleet) {
            JsonValue count = fleet.get("instance_cnt");
            if (count instanceof JsonNumber n) {
                return n.intValue();
            }
            if (count instanceof JsonString s && !s.getString().isBlank()) {
                try {
                    return Integer.valueOf(s.getString().strip());
                } catch (NumberFormatException e) {
                    throw new DeployRefusedException(
                            "fleet_config.instance_cnt must be a number, not " + s.getString());
                }
            }
        }
        return null;
    }

    /** {@code deployable_units}: {@code [{name, options:[{section,name,value}]}]}; entries without a name are skipped. */
    public static List<DeployableUnit> units(MilestoneRequest request) {
        List<DeployableUnit> units = new ArrayList<>();
        if (!(request.envelope().get("deployable_units") instanceof JsonArray array)) {
            return units;
        }
        for (JsonValue value : array) {
            if (!(value instanceof JsonObject unit) || !(unit.get("name") instanceof JsonString name)) {
                continue;
            }
            List<UnitOption> options = new ArrayList<>();
            if (unit.get("options") instanceof JsonArray opts) {
                for (JsonValue o : opts) {
                    if (o instanceof JsonObject option
                            && option.get("section") instanceof JsonString section
                            && option.get("name") instanceof JsonString optionName
                            && option.get("value") instanceof JsonString optionValue) {
                        options.add(
                                new UnitOption(section.getString(), optionName.getString(), optionValue.getString()));
                    }
                }
            }
            units.add(new DeployableUnit(name.getString(), options));
        }
        return units;
    }

    /**
     * The ECS deployment of {@code aws_config} ({@code access_key_id, secret_access_key, region, endpoint,
     * ecs:{cluster, service, task-count}}) and {@code ecs_task_definition}.
     *
     * @throws DeployRefusedException when either is missing or incomplete
     */
    public static EcsDeployment ecs(MilestoneRequest request) {
        if (!(request.envelope().get("aws_config") instanceof JsonObject aws)) {
            throw new DeployRefusedException("The deploy_ecs milestone needs aws_config (aws.json), which is missing");
        }
        if (!(aws.get("ecs") instanceof JsonObject ecs)) {
            throw new DeployRefusedException("aws_config has no ecs section: {cluster, service, task-count}");
        }
        String definition = request.field("ecs_task_definition");
        if (definition == null || definition.isBlank()) {
            throw new DeployRefusedException(
                    "The deploy_ecs milestone needs ecs_task_definition (ecs_task_definition.json), which is missing");
        }
        String region = text(aws, "region");
        String cluster = text(ecs, "cluster");
        String service = text(ecs, "service");
        if (region == null || cluster == null || service == null) {
            throw new DeployRefusedException("aws_config needs region, ecs.cluster and ecs.service");
        }
        int taskCount = ecs.get("task-count") instanceof JsonNumber n
                ? n.intValue()
                : ecs.get("task-count") instanceof JsonString s ? parseCount(s.getString()) : 1;
        if (taskCount < 1) {
            throw new DeployRefusedException("aws_config ecs.task-count must be at least 1, was " + taskCount);
        }
        return new EcsDeployment(
                text(aws, "access_key_id"),
                text(aws, "secret_access_key"),
                region,
                text(aws, "endpoint"),
                cluster,
                service,
                taskCount,
                definition);
    }

    private static int parseCount(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new DeployRefusedException("aws_config ecs.task-count must be a number, not " + text);
        }
    }

    private static String text(JsonObject o, String field) {
        return o.get(field) instanceof JsonString s && !s.getString().isBlank() ? s.getString() : null;
    }
}
