package io.understudy.ip.pivot;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ElasticIpTest {

    @Test
    void anAddressIsOnTheInstanceItIsAssociatedWith() {
        ElasticIp ip = new ElasticIp("eipalloc-1", "203.0.113.9", Optional.of("i-1"), Optional.of("eipassoc-1"), Map.of());

        assertThat(ip.isOn("i-1")).isTrue();
        assertThat(ip.isOn("i-2")).isFalse();
    }

    @Test
    void anUnassociatedAddressIsOnNoInstance() {
        assertThat(new ElasticIp("eipalloc-1", "203.0.113.9", Optional.empty(), Optional.empty(), Map.of()).isOn("i-1")).isFalse();
    }
}
