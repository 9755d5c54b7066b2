package io.helklab.elasticsearch;

import java.util.Map;
import org.elasticsearch.index.mapper.Mapper;
import org.elasticsearch.plugins.MapperPlugin;
import org.elasticsearch.plugins.Plugin;

/** HELK lab's field types: {@link ParentKeywordFieldMapper} ({@code parent_keyword}). */
public final class HelkMappingPlugin extends Plugin implements MapperPlugin {
    @Override
    public Map<String, Mapper.TypeParser> getMappers() {
        return Map.of(ParentKeywordFieldMapper.CONTENT_TYPE, ParentKeywordFieldMapper.PARSER);
    }
}
