package io.dealerpulse.importer.rows;

import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.importer.read.SourceRow;
import io.dealerpulse.schemas.EventIds;
import io.dealerpulse.schemas.topics.Topic;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A site registry row → {@link SiteRegistryVersion}. Checks run in column order and the first
 * problem rejects the row. The id is hash(source, site id, effective_from), the key site@effective_from,
 * so re-importing a version overwrites it in the compacted topic instead of adding one.
 */
public final class RegistryRowMapper implements RowMapper {
    public static final String SITE_ID = "site_id";
    public static final String NAME = "name";
    public static final String REGION = "region";
    public static final String ZONE_MANAGER = "zone_manager";
    public static final String INVESTOR_GROUP = "investor_group";
    public static final String COUNTRY = "country";
    public static final String TIME_ZONE = "time_zone";
    public static final String OPENING_HOURS = "opening_hours";
    public static final String EXCEPTIONS = "exceptions";
    public static final String TARGET_MIN = "target_min";
    public static final String TARGET_MAX = "target_max";
    public static final String LATITUDE = "latitude";
    public static final String LONGITUDE = "longitude";
    public static final String EFFECTIVE_FROM = "effective_from";
    public static final List<String> COLUMNS = List.of(SITE_ID, NAME, REGION, ZONE_MANAGER, INVESTOR_GROUP, COUNTRY,
            TIME_ZONE, OPENING_HOURS, EXCEPTIONS, TARGET_MIN, TARGET_MAX, LATITUDE, LONGITUDE, EFFECTIVE_FROM);

    /** Generous upper bound of a target band, in visitors per staff member per 15 minutes. */
    private static final double MAX_TARGET = 1000;
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final String source;
    private final Instant receivedAt;

    /** @param source the registry's source name (device_id); @param receivedAt the import run's instant */
    public RegistryRowMapper(String source, Instant receivedAt) {
        this.source = source;
        this.receivedAt = receivedAt;
    }

    @Override
    public MappedRow map(SourceRow row) throws RowRejection {
        String siteId = Values.required(row, SITE_ID);
        String name = Values.required(row, NAME);
        String region = Values.required(row, REGION);
        String country = Values.required(row, COUNTRY).toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(country)) {
            throw new RowRejection(RejectReason.BAD_VALUE, "column '" + COUNTRY + "' must be an ISO 3166-1 alpha-2"
                    + " code such as FR, got '" + row.value(COUNTRY) + "'");
        }
        ZoneId zone = Values.timeZone(row, TIME_ZONE);
        var weekly = OpeningHoursParser.weekly(Values.required(row, OPENING_HOURS));
        var exceptions = OpeningHoursParser.exceptions(Values.optional(row, EXCEPTIONS));
        double targetMin = Values.requiredDouble(row, TARGET_MIN, 0, MAX_TARGET);
        double targetMax = Values.requiredDouble(row, TARGET_MAX, 0, MAX_TARGET);
        if (targetMax < targetMin) {
            throw new RowRejection(RejectReason.OUT_OF_RANGE, "the target band is empty: target_max " + targetMax
                    + " is below target_min " + targetMin);
        }
        Double latitude = Values.optionalDouble(row, LATITUDE, -90, 90);
        Double longitude = Values.optionalDouble(row, LONGITUDE, -180, 180);
        if ((latitude == null) != (longitude == null)) {
            throw new RowRejection(RejectReason.MISSING_FIELD, "give both latitude and longitude, or neither");
        }
        Instant effectiveFrom = DateTimes.instant(Values.required(row, EFFECTIVE_FROM), EFFECTIVE_FROM, zone, true);

        SiteRegistryVersion version = SiteRegistryVersion.newBuilder()
                .setEventId(EventIds.of(source, siteId, effectiveFrom.toEpochMilli()))
                .setSiteId(siteId)
                .setDeviceId(source)
                .setName(name)
                .setRegion(region)
                .setZoneManager(Values.optional(row, ZONE_MANAGER))
                .setInvestorGroup(Values.optional(row, INVESTOR_GROUP))
                .setCountry(country)
                .setTimeZone(zone.getId())
                .setWeeklyHours(weekly)
                .setExceptions(exceptions)
                .setTargetMin(targetMin)
                .setTargetMax(targetMax)
                .setLatitude(latitude)
                .setLongitude(longitude)
                .setEffectiveFrom(effectiveFrom)
                .setEventTime(effectiveFrom)
                .setReceivedTime(receivedAt)
                .build();
        return new MappedRow(version, Topic.registryKey(siteId, effectiveFrom.toEpochMilli()), version.getEventId());
    }
}
