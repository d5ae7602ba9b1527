package alertbridge.snapstart;

import java.util.List;

/** Small webhook bodies of each kind /alert and the topic read (trimmed from events/payloads/), for priming only. */
final class PrimingSamples {
    private PrimingSamples() {
    }

    static final List<String> WEBHOOKS = List.of(
            // generic
            """
            {"message": "SnapStart priming", "dedup_key": "snapstart-priming"}""",
            // Alertmanager
            """
            {"version": "4", "groupKey": "{}:{alertname=\\"Priming\\"}", "status": "firing", "receiver": "alertbridge",
             "groupLabels": {"alertname": "Priming"}, "commonLabels": {"alertname": "Priming", "severity": "critical"},
             "commonAnnotations": {}, "externalURL": "http://alertmanager.example.com:9093",
             "alerts": [{"status": "firing", "labels": {"alertname": "Priming", "severity": "critical"},
               "annotations": {"summary": "SnapStart priming"}, "startsAt": "2026-03-14T01:02:03.456Z",
               "endsAt": "0001-01-01T00:00:00Z", "fingerprint": "6b0d2a1f3c4e5d67"}]}""",
            // Grafana
            """
            {"receiver": "alertbridge", "status": "firing", "orgId": 1,
             "alerts": [{"status": "firing", "labels": {"alertname": "Priming"},
               "annotations": {"summary": "SnapStart priming"}, "startsAt": "2026-03-14T01:05:00+09:00",
               "endsAt": "0001-01-01T00:00:00Z", "fingerprint": "c6eadffa33fcdf37"}],
             "groupLabels": {"alertname": "Priming"}, "commonLabels": {"alertname": "Priming"},
             "externalURL": "https://grafana.example.com/", "version": "1", "groupKey": "{}:{alertname=\\"Priming\\"}",
             "title": "[FIRING:1] Priming", "state": "alerting", "message": "SnapStart priming"}""",
            // Datadog
            """
            {"alert_cycle_key": "7436958932914417046", "alert_transition": "Triggered",
             "event_title": "[P1] SnapStart priming", "alert_title": "SnapStart priming", "alert_id": "123456"}""",
            // PagerDuty Events v2
            """
            {"routing_key": "samplesampleroutingkey0000000000", "event_action": "trigger", "dedup_key": "snapstart-priming",
             "payload": {"summary": "SnapStart priming", "source": "priming", "severity": "critical"}}""");

    /** A CloudWatch alarm as SNS delivers it to the topic function ({@code Records[].Sns.Message}). */
    static final String CLOUDWATCH_ALARM = """
            {"AlarmName": "api-5xx-high", "AlarmDescription": "SnapStart priming", "AWSAccountId": "123456789012",
             "NewStateValue": "ALARM", "NewStateReason": "Threshold Crossed", "StateChangeTime": "2026-03-14T01:02:03.456+0000",
             "Region": "Asia Pacific (Tokyo)", "AlarmArn": "arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:api-5xx-high",
             "OldStateValue": "OK", "Trigger": {"MetricName": "5XXError", "Namespace": "AWS/ApiGateway", "Period": 60,
             "EvaluationPeriods": 1, "ComparisonOperator": "GreaterThanThreshold", "Threshold": 10.0}}""";
}
