import { RemovalPolicy, SecretValue, Validations } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/**
 * The webhook signing secrets of every platform, one JSON document mapping
 * a platform id to its active secrets. Operators register platforms by
 * writing a new version; the ingest function reads it once per cold start.
 */
export class PlatformSecrets extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string, key: IKey) {
    super(scope, id);

    this.secret = new Secret(this, 'Secret', {
      description:
        'Vigil platform webhook secrets: {"<platform id>": ["whsec_..."]}',
      encryptionKey: key,
      // No platform is registered until an operator writes one, and an
      // empty map is the one value that is valid yet grants nothing.
      secretStringValue: SecretValue.unsafePlainText('{}'),
      // Registered platforms would have to re-issue every secret if this
      // were lost with the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The secrets are issued by each platform and shared with it, so ' +
        'Secrets Manager cannot rotate them alone. A platform rotates by ' +
        'adding its new secret beside the old one (up to five per ' +
        'platform), then removing the old one, as docs/deploy.md describes.',
    });
  }
}
