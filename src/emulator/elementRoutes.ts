/** `GET /elements` (paged) and `GET /elements/{keyOrId}`. */
import type { EmulatorServices, Handler } from './context';
import { jsonReply } from './http';
import { pageHeaders, paginate } from './paging';

export function listElementsHandler(services: EmulatorServices): Handler {
  return (request) => {
    const elements = services.elements.list();
    const positions = new Map(elements.map((element, index) => [element.key, index]));
    const page = paginate(elements, (element) => positions.get(element.key)!, request.query, 'elements');
    return jsonReply(200, page.items.map((element) => services.elements.summary(element)), pageHeaders(page));
  };
}

export function getElementHandler(services: EmulatorServices): Handler {
  return (request) => jsonReply(200, services.elements.summary(services.elements.require(request.params.keyOrId!)));
}
