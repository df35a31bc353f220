export { id, ref } from "./id";
export { createdAt, instant, timestamps } from "./time";
export { json } from "./json";
