package io.understudy.volume;

import io.understudy.testing.iam.IamPolicyCheck;
import org.junit.jupiter.api.Order;

/** Every EC2 action volume-manager sends, and every one its code names, is in the least-privilege policy. */
@Order(Integer.MAX_VALUE)
class IamPolicyIT extends IamPolicyCheck {
}
