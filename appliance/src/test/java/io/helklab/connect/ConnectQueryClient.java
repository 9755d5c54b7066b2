package io.helklab.connect;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.spark.connect.proto.ExecutePlanRequest;
import org.apache.spark.connect.proto.ExecutePlanResponse;
import org.apache.spark.connect.proto.Plan;
import org.apache.spark.connect.proto.Relation;
import org.apache.spark.connect.proto.SQL;
import org.apache.spark.connect.proto.SparkConnectServiceGrpc;
import org.apache.spark.connect.proto.UserContext;
import org.sparkproject.connect.grpc.ManagedChannel;
import org.sparkproject.connect.grpc.netty.NettyChannelBuilder;

/**
 * A minimal Spark Connect client, run in a JVM of its own by {@code SparkConnectIT}: one {@code ExecutePlan}
 * request with a SQL relation over gRPC, Arrow batches decoded, each row printed as tab-separated values.
 *
 * <p>It speaks the protocol with the generated classes Spark's server jar carries, because the Spark Connect JVM
 * client ({@code spark-connect-client-jvm}) is not available from our registry. Exit status 0 on success, 1 with
 * the server's error on standard error otherwise.
 *
 * <p>Usage: {@code ConnectQueryClient <host> <port> <sql>...}; each result ends with a line {@code --}.
 */
public final class ConnectQueryClient {

    /** Printed after each query's rows. */
    static final String END_OF_RESULT = "--";

    private ConnectQueryClient() {
    }

    public static void main(String[] arguments) throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress(arguments[0], Integer.parseInt(arguments[1]))
                .usePlaintext().maxInboundMessageSize(128 * 1024 * 1024).build();
        try {
            for (int i = 2; i < arguments.length; i++) {
                for (String line : query(channel, arguments[i])) {
                    System.out.println(line);
                }
                System.out.println(END_OF_RESULT);
            }
        } catch (RuntimeException failure) {
            System.err.println("query failed: " + failure.getMessage());
            System.exit(1);
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    static List<String> query(ManagedChannel channel, String sql) throws Exception {
        ExecutePlanRequest request = ExecutePlanRequest.newBuilder()
                .setSessionId(UUID.randomUUID().toString())
                .setUserContext(UserContext.newBuilder().setUserId("hunter").setUserName("hunter"))
                .setPlan(Plan.newBuilder().setRoot(Relation.newBuilder().setSql(SQL.newBuilder().setQuery(sql))))
                .build();
        List<String> rows = new ArrayList<>();
        Iterator<ExecutePlanResponse> responses = SparkConnectServiceGrpc.newBlockingStub(channel).executePlan(request);
        try (BufferAllocator allocator = new RootAllocator()) {
            while (responses.hasNext()) {
                ExecutePlanResponse response = responses.next();
                if (response.hasArrowBatch()) {
                    byte[] data = response.getArrowBatch().getData().toByteArray();
                    try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(data), allocator)) {
                        VectorSchemaRoot root = reader.getVectorSchemaRoot();
                        while (reader.loadNextBatch()) {
                            for (int row = 0; row < root.getRowCount(); row++) {
                                List<String> values = new ArrayList<>();
                                for (FieldVector vector : root.getFieldVectors()) {
                                    Object value = vector.getObject(row);
                                    values.add(value == null ? "null" : value.toString());
                                }
                                rows.add(String.join("\t", values));
                            }
                        }
                    }
                }
            }
        }
        return rows;
    }
}
