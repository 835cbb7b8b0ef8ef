package io.understudy.sandbox.api;

import io.understudy.sandbox.cloud.Ec2Exception;
import io.understudy.sandbox.cloud.Filter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Query protocol's numbered lists as the SDK writes them, and EC2's error document. */
class QueryParametersTest {

    @Test
    void numberedListsFiltersAndTagSpecificationsAreReadInIndexOrder() {
        QueryParameters p = QueryParameters.parse("Action=DescribeInstances&InstanceId.2=i-b&InstanceId.1=i-a"
                + "&Filter.1.Name=tag%3Aunderstudy%3Arole&Filter.1.Value.1=app_master&Filter.1.Value.2=app_slave"
                + "&TagSpecification.1.ResourceType=volume&TagSpecification.1.Tag.1.Key=k&TagSpecification.1.Tag.1.Value=v"
                + "&TagSpecification.2.ResourceType=instance&TagSpecification.2.Tag.1.Key=understudy%3Arole"
                + "&TagSpecification.2.Tag.1.Value=app_master&TagSpecification.2.Tag.2.Key=Name&TagSpecification.2.Tag.2.Value=a+b");

        assertThat(p.list("InstanceId")).containsExactly("i-a", "i-b");
        assertThat(p.filters()).containsExactly(new Filter("tag:understudy:role", List.of("app_master", "app_slave")));
        assertThat(p.tagSpecification("instance")).isEqualTo(Map.of("understudy:role", "app_master", "Name", "a b"));
        assertThat(p.tagSpecification("volume")).isEqualTo(Map.of("k", "v"));
        assertThat(p.tagSpecification("snapshot")).isEmpty();
    }

    @Test
    void aMissingOrMalformedParameterIsAnEc2Error() {
        QueryParameters p = QueryParameters.parse("Action=RunInstances&MinCount=one");

        assertThatThrownBy(() -> p.required("ImageId")).isInstanceOf(Ec2Exception.class).hasMessageContaining("ImageId");
        assertThatThrownBy(() -> p.integer("MinCount", 1)).isInstanceOfSatisfying(Ec2Exception.class,
                e -> assertThat(e.code()).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void errorsUseEc2sDocumentAndEscapeTheirText() {
        String xml = SandboxHttpServer.error("InvalidVolume.NotFound", "The volume 'vol-<1>' & more");

        assertThat(xml).contains("<Response><Errors><Error><Code>InvalidVolume.NotFound</Code>"
                + "<Message>The volume &apos;vol-&lt;1&gt;&apos; &amp; more</Message></Error></Errors><RequestID>");
    }
}
