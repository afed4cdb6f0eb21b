import { App } from 'aws-cdk-lib';
import { defineVigil } from './vigil-app';

defineVigil(new App());
