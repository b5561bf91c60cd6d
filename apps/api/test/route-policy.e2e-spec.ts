import { PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { IS_AUTHENTICATED, IS_PUBLIC, REQUIRED_PERMISSION } from '@plinth/tenancy';
import { startTestApp, TestApp } from './harness';

interface RouteHandler {
  name: string;
  markers: string[];
}

/** Deny by default, proven: every route says who may call it, or the build fails here. */
describe('route access policy', () => {
  let t: TestApp;
  let routes: RouteHandler[];

  beforeAll(async () => {
    t = await startTestApp();
    routes = routeHandlers(t);
  });
  afterAll(() => t.close());

  it('finds the application’s routes', () => {
    expect(routes.length).toBeGreaterThan(20);
  });

  it('gives every route exactly one of @Public, @Authenticated or @Authorize', () => {
    const undeclared = routes.filter((route) => route.markers.length !== 1);
    expect(undeclared).toEqual([]);
  });
});

function routeHandlers(t: TestApp): RouteHandler[] {
  const reflector = t.app.get(Reflector);
  const scanner = t.app.get(MetadataScanner);
  return t.app
    .get(DiscoveryService)
    .getControllers()
    .flatMap((wrapper) => {
      const prototype = Object.getPrototypeOf(wrapper.instance);
      return scanner
        .getAllMethodNames(prototype)
        .map((method) => prototype[method] as () => unknown)
        .filter((handler) => Reflect.hasMetadata(PATH_METADATA, handler))
        .map((handler) => ({
          name: `${wrapper.name}.${handler.name}`,
          markers: [IS_PUBLIC, IS_AUTHENTICATED, REQUIRED_PERMISSION].filter(
            (key) => reflector.getAllAndOverride(key, [handler, wrapper.metatype as never]) !== undefined,
          ),
        }));
    });
}
