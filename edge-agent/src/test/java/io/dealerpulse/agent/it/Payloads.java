package io.dealerpulse.agent.it;

import static io.dealerpulse.agent.SiteFixture.AXIS_PREFIX;
import static io.dealerpulse.agent.SiteFixture.MILESIGHT_LINE;

import java.time.Instant;

/** Device payloads in the shapes of ../shared/formats/README.md and docs/edge-agent.md. */
final class Payloads {
    private Payloads() {}

    static String axisTopic(String scenario) {
        return AXIS_PREFIX + "/event/tns:axis/CameraApplicationPlatform/ObjectAnalytics/" + scenario;
    }

    static String axis(Instant crossing, String startTime, long totalHuman) {
        return """
                {"topic":"axis:CameraApplicationPlatform/ObjectAnalytics/Device1Scenario1","timestamp":%d,
                 "serial":"ACCC8E123456","message":{"source":{},"key":{},"data":{"startTime":"%s","reason":"human",
                 "total":"%d","totalHuman":"%d","totalCar":"0","totalBike":"0"}}}"""
                .formatted(crossing.toEpochMilli(), startTime, totalHuman, totalHuman);
    }

    static String milesightTopic(String serial) {
        return "dealer/site/door/" + serial;
    }

    static String milesight(String serial, String start, String end, int in, int out) {
        return """
                {"device_info":{"device_sn":"%s","device_name":"Reception door","firmware_version":"V_125.1.0.3"},
                 "line_periodic_data":[{"line":1,"line_name":"Entrance","line_uuid":"%s","total":{"in":%d,"out":%d}}],
                 "line_total_data":[{"line":1,"line_uuid":"%s","total":{"in_counted":131,"out_counted":117,
                 "capacity_counted":14}}],
                 "time_info":{"start_time":"%s","end_time":"%s","time_zone":"UTC+1:00 Central European Time",
                 "enable_dst":true,"dst_status":false}}""".formatted(serial, MILESIGHT_LINE, in, out, MILESIGHT_LINE,
                start, end);
    }

    static String counter(String siteId, String device, String start, int in, int out) {
        return """
                {"site_id":"%s","device_id":"%s","line_id":"main","interval_start":"%s","in":%d,"out":%d}"""
                .formatted(siteId, device, start, in, out);
    }

    static String kiosk(String siteId, String messageId, String type, Instant time, String extra) {
        return """
                {"site_id":"%s","kiosk_id":"kiosk-1","message_id":"%s","type":"%s","time":"%s"%s}"""
                .formatted(siteId, messageId, type, time, extra);
    }
}
