package alertbridge.testkit.aws;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A DynamoDB client that counts the writes that succeeded (PutItem, UpdateItem, DeleteItem, BatchWriteItem,
 * TransactWriteItems; a failed conditional write changes nothing and is not counted), so the fuzz suite can check
 * "nothing written unless the request was valid" per input without scanning the table.
 */
public final class CountingDynamoDb {
    private CountingDynamoDb() {
    }

    public static DynamoDbClient counting(DynamoDbClient delegate, AtomicInteger writes) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    String name = method.getName();
                    if (name.startsWith("putItem") || name.startsWith("updateItem") || name.startsWith("deleteItem")
                            || name.startsWith("batchWriteItem") || name.startsWith("transactWriteItems")) {
                        writes.incrementAndGet();
                    }
                    return result;
                });
    }
}
