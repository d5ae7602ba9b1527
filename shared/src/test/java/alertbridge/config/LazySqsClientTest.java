package alertbridge.config;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

class LazySqsClientTest {
    private final SqsClient real = mock(SqsClient.class);
    private final AtomicInteger builds = new AtomicInteger();
    private final LazySqsClient lazy = new LazySqsClient(() -> {
        builds.incrementAndGet();
        return real;
    });

    @Test
    void buildsTheClientOnTheFirstMessageOnlyAndOnce() {
        SendMessageResponse sent = SendMessageResponse.builder().messageId("m1").build();
        when(real.sendMessage(any(SendMessageRequest.class))).thenReturn(sent);
        assertEquals(0, builds.get(), "nothing built before a message is sent");

        assertSame(sent, lazy.sendMessage(b -> b.queueUrl("https://queue").messageBody("one")));
        lazy.sendMessage(SendMessageRequest.builder().queueUrl("https://queue").messageBody("two").build());

        assertEquals(1, builds.get());
        verify(real).sendMessage(SendMessageRequest.builder().queueUrl("https://queue").messageBody("one").build());
        verify(real).sendMessage(SendMessageRequest.builder().queueUrl("https://queue").messageBody("two").build());
    }

    @Test
    void closesOnlyWhatWasBuiltAndRefusesOtherOperations() {
        lazy.close();
        assertEquals(0, builds.get());
        assertThrows(UnsupportedOperationException.class, () -> lazy.listQueues());
        assertEquals("sqs", lazy.serviceName());
    }
}
