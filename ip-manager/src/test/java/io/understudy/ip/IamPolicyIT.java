package io.understudy.ip;

import io.understudy.testing.iam.IamPolicyCheck;
import org.junit.jupiter.api.Order;

/** Every EC2 action ip-manager sends, and every one its code names, is in the least-privilege policy. */
@Order(Integer.MAX_VALUE)
class IamPolicyIT extends IamPolicyCheck {
}
