package io.helklab.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.apache.kafka.common.utils.AppInfoParser;
import org.elasticsearch.Version;
import picocli.CommandLine;

/** {@code --version}: ours and the embedded components'. */
final class VersionInfo implements CommandLine.IVersionProvider {

    static String version() {
        Properties properties = new Properties();
        try (InputStream in = VersionInfo.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException unreadable) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "HELK lab " + version(),
            "Elasticsearch " + Version.CURRENT + ", Kafka " + AppInfoParser.getVersion()
                    + ", Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ", Java " + Runtime.version()
        };
    }
}
