package alertbridge.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the local runner reads a function's properties: Globals merged in as SAM merges them, intrinsics resolved. */
class SamTemplateTest {
    private static final String TEMPLATE = """
            Parameters:
              Path:
                Type: String
                Default: /x
              Url:
                Type: String
                Default: ''
            Conditions:
              HasUrl: !Not [!Equals [!Ref Url, '']]
            Globals:
              Function:
                Runtime: java25
                Architectures: [arm64]
                Layers: [global-layer]
                Timeout: 10
                Environment:
                  Variables:
                    SHARED: !Ref Path
                    URL: !If [HasUrl, !Ref Url, !Ref AWS::NoValue]
            Resources:
              Api:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: Beta
              Table:
                Type: AWS::DynamoDB::Table
              SharedPolicy:
                Type: AWS::IAM::ManagedPolicy
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: a.Handler::handleRequest
                  MemorySize: 512
                  Timeout: 28
                  Layers: [own-layer]
                  Environment:
                    Variables:
                      STAGE: !Ref Api.Stage
                      BASE: !Sub https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${Api.Stage}
                      TABLE_ARN: !GetAtt Table.Arn
                  Policies:
                    - !Ref SharedPolicy
                    - Statement:
                        - Effect: Allow
                          Action: dynamodb:Query
                          Resource: !Sub ${Table.Arn}/index/byDate
            Outputs:
              AlertUrl:
                Value: !Sub https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${Api.Stage}/alert
            """;

    private static SamTemplate.Function fn(SamTemplate template, Map<String, String> parameters) {
        return template.functions(parameters, Map.of()).getFirst();
    }

    @Test
    void resolvesTheApiStageInRefAndSub(@TempDir Path dir) throws IOException {
        SamTemplate template = SamTemplate.read(Files.writeString(dir.resolve("template.yaml"), TEMPLATE));
        Map<String, Object> env = fn(template, template.parameterDefaults()).environment();

        assertEquals("Beta", env.get("STAGE"));
        assertEquals("https://Api.execute-api.us-east-1.amazonaws.com/Beta", env.get("BASE"));
        assertEquals("arn:local:Table.Arn", env.get("TABLE_ARN"), "${Resource.Attribute} other than SAM's is still !GetAtt");
        assertEquals(Map.of("AlertUrl", "https://Api.execute-api.us-east-1.amazonaws.com/Beta/alert"),
                template.outputs(template.parameterDefaults(), Map.of()));
    }

    @Test
    void mergesGlobalsAsSamDoes(@TempDir Path dir) throws IOException {
        SamTemplate template = SamTemplate.read(Files.writeString(dir.resolve("template.yaml"), TEMPLATE));
        SamTemplate.Function function = fn(template, template.parameterDefaults());
        Map<String, Object> properties = function.properties();

        assertEquals("java25", properties.get("Runtime"), "a scalar only Globals set");
        assertEquals(512, properties.get("MemorySize"));
        assertEquals(28, function.timeoutSeconds(), "the function's own scalar wins");
        assertEquals(List.of("arm64"), properties.get("Architectures"));
        assertEquals(List.of("global-layer", "own-layer"), properties.get("Layers"), "lists: Globals' entries, then its own");
        assertEquals(List.of("SHARED", "STAGE", "BASE", "TABLE_ARN"), List.copyOf(function.environment().keySet()),
                "maps merge key by key; !Ref AWS::NoValue removes URL");
        assertEquals("https://alerts.example.com", fn(template, Map.of("Path", "/x", "Url", "https://alerts.example.com"))
                .environment().get("URL"));
        assertEquals(List.of("SharedPolicy", Map.of("Statement", List.of(Map.of("Effect", "Allow", "Action", "dynamodb:Query",
                "Resource", "arn:local:Table.Arn/index/byDate")))), properties.get("Policies"));
    }

    @Test
    void namesResourceTypes(@TempDir Path dir) throws IOException {
        SamTemplate template = SamTemplate.read(Files.writeString(dir.resolve("template.yaml"), TEMPLATE));

        assertEquals(Optional.of("AWS::IAM::ManagedPolicy"), template.resourceType("SharedPolicy"));
        assertEquals(Optional.empty(), template.resourceType("Nothing"));
    }

    @Test
    void refusesAPropertyItCannotEvaluate(@TempDir Path dir) throws IOException {
        SamTemplate template = SamTemplate.read(Files.writeString(dir.resolve("template.yaml"),
                TEMPLATE.replace("!Ref Api.Stage", "!Ref Fn.Alias")));

        var refused = assertThrows(IllegalArgumentException.class, () -> fn(template, template.parameterDefaults()));
        assertTrue(refused.getMessage().contains("Fn.Alias"), refused.getMessage());
    }
}
