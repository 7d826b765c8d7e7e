package io.dealerpulse.jobs.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what in InfluxDB (docs/influxdb-security.md), decided from the provisioning options
 * alone: the databases to create, and for each managed user its password and its only privileges.
 *
 * <ul>
 *   <li>the jobs' user: WRITE on the network database and on every group database (it writes the
 *       group copies), nothing else - it cannot read;</li>
 *   <li>Grafana's network user: READ on the network database;</li>
 *   <li>one user per investor group: READ on its group's database only.</li>
 * </ul>
 */
public record AccessPlan(List<String> databases, List<ManagedUser> users) {

    /** Privilege on one database, as InfluxQL spells it. */
    public enum Privilege { READ, WRITE }

    /** A user the provisioner owns: created or re-passworded, and granted exactly {@code grants}. */
    public record ManagedUser(String name, String role, String password, Map<String, Privilege> grants) {
        @Override
        public String toString() {
            return "ManagedUser[" + name + " (" + role + "), password=***, grants=" + grants + "]";
        }
    }

    public static AccessPlan of(ProvisionerOptions options) {
        Set<String> databases = new LinkedHashSet<>();
        databases.add(options.networkDatabase());
        Map<String, Privilege> jobsGrants = new LinkedHashMap<>();
        jobsGrants.put(options.networkDatabase(), Privilege.WRITE);
        List<ManagedUser> users = new ArrayList<>();
        for (String group : options.groups()) {
            String database = GroupNames.database(options.groupDatabasePrefix(), group);
            databases.add(database);
            jobsGrants.put(database, Privilege.WRITE);
            users.add(new ManagedUser(groupUser(options, group), "investor group " + group,
                    options.groupPassword(group), Map.of(database, Privilege.READ)));
        }
        users.add(0, new ManagedUser(options.grafanaUser(), "network dashboards", options.grafanaPassword(),
                Map.of(options.networkDatabase(), Privilege.READ)));
        users.add(0, new ManagedUser(options.jobsUser(), "Flink jobs, write-only", options.jobsPassword(), jobsGrants));
        return new AccessPlan(List.copyOf(databases), List.copyOf(users));
    }

    /** The read-only user of a group, e.g. {@code dealerpulse_reader_} + "Groupe Nord" → {@code dealerpulse_reader_groupe_nord}. */
    public static String groupUser(ProvisionerOptions options, String group) {
        return options.groupUserPrefix() + GroupNames.normalised(group);
    }
}
