package org.openaperture.deployer.infrastructure;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openaperture.deployer.domain.DeployableUnit;
import org.openaperture.deployer.domain.UnitInstance;
import org.openaperture.deployer.domain.UnitOption;

/** A unit instance as {@link LocalProcessTarget} keeps it beside its processes, to manage them after a restart. */
final class InstanceFile {
    private InstanceFile() {}

    static void write(Path file, UnitInstance instance) throws IOException {
        JsonArrayBuilder options = JSON.createArrayBuilder();
        for (UnitOption o : instance.unit().options()) {
            options.add(JSON.createObjectBuilder()
                    .add("section", o.section())
                    .add("name", o.name())
                    .add("value", o.value()));
        }
        JsonObject json = JSON.createObjectBuilder()
                .add("unit", instance.unit().name())
                .add("index", instance.index())
                .add("port", instance.port())
                .add("options", options)
                .build();
        Files.writeString(file, json.toString(), StandardCharsets.UTF_8);
    }

    static UnitInstance read(Path file) {
        try (var reader = JSON.createReader(new StringReader(Files.readString(file, StandardCharsets.UTF_8)))) {
            JsonObject json = reader.readObject();
            List<UnitOption> options = json.getJsonArray("options").getValuesAs(JsonObject.class).stream()
                    .map(o -> new UnitOption(o.getString("section"), o.getString("name"), o.getString("value")))
                    .toList();
            return new UnitInstance(
                    new DeployableUnit(json.getString("unit"), options), json.getInt("index"), json.getInt("port"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
