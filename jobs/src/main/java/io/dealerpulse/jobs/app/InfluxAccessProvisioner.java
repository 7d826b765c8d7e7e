package io.dealerpulse.jobs.app;

import io.dealerpulse.jobs.access.AccessPlan;
import io.dealerpulse.jobs.access.AccessPlan.ManagedUser;
import io.dealerpulse.jobs.access.AccessPlan.Privilege;
import io.dealerpulse.jobs.access.InfluxAdmin;
import io.dealerpulse.jobs.access.ProvisionerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Creates the InfluxDB databases and users DealerPulse needs, with least privilege
 * (docs/influxdb-security.md): the network database and one database per investor group; a
 * write-only user for the jobs; a read-only user for the network dashboards; one read-only user per
 * investor group on its own database. Idempotent: run it again after adding a group or rotating a
 * password. A managed user that has other privileges (an admin flag, a grant on another database)
 * loses them.
 *
 * <pre>
 * export INFLUXDB_ADMIN_PASSWORD=... INFLUXDB_PASSWORD=... INFLUXDB_GRAFANA_PASSWORD=...
 * export INFLUXDB_GROUP_GROUPE_HORIZON_PASSWORD=...
 * java -cp dealerpulse-jobs.jar io.dealerpulse.jobs.app.InfluxAccessProvisioner --config provisioner.properties
 * </pre>
 *
 * Passwords are read from the environment or files and never printed.
 */
public final class InfluxAccessProvisioner {
    private InfluxAccessProvisioner() {}

    public static void main(String[] args) {
        ProvisionerOptions options;
        try {
            options = ProvisionerOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try (InfluxAdmin admin = new InfluxAdmin(options.url(), options.adminUser(), options.adminPassword())) {
            provision(options, admin).forEach(System.out::println);
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /** Applies the {@link AccessPlan} of {@code options}; returns what was done, one line per step, without passwords. */
    public static List<String> provision(ProvisionerOptions options, InfluxAdmin admin) {
        AccessPlan plan = AccessPlan.of(options);
        List<String> done = new ArrayList<>();
        admin.requireAdmin();
        for (String database : plan.databases()) {
            admin.createDatabase(database);
            done.add("database " + database + ": exists");
        }
        Map<String, Boolean> existing = admin.users();
        for (ManagedUser user : plan.users()) {
            if (existing.containsKey(user.name())) {
                admin.setPassword(user.name(), user.password());
                if (existing.get(user.name())) {
                    admin.revokeAdmin(user.name());
                    done.add("user " + user.name() + ": admin privilege revoked");
                }
            } else {
                admin.createUser(user.name(), user.password());
            }
            for (Map.Entry<String, String> grant : admin.grants(user.name()).entrySet()) {
                Privilege wanted = user.grants().get(grant.getKey());
                if (wanted == null || !grant.getValue().equalsIgnoreCase(wanted.name())) {
                    admin.revokeAll(user.name(), grant.getKey());
                    done.add("user " + user.name() + ": revoked " + grant.getValue() + " on " + grant.getKey());
                }
            }
            for (Map.Entry<String, Privilege> grant : user.grants().entrySet()) {
                admin.grant(user.name(), grant.getValue(), grant.getKey());
            }
            done.add("user " + user.name() + " (" + user.role() + "): " + user.grants());
        }
        return done;
    }
}
