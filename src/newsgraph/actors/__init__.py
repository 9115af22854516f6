"""Actors: knowledge base, resolution of mentions to canonical actors, roles and coreference."""
from .kb import KbActor, KnowledgeBase, knowledge_base, norm_name
from .resolve import ActorRef, ArticleActors, resolve_actors

__all__ = ["ActorRef", "ArticleActors", "KbActor", "KnowledgeBase", "knowledge_base", "norm_name",
           "resolve_actors"]
