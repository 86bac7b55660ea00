package io.callsight.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;

/** Builds the official Java client for a URL, with an optional API key (production clusters). */
public final class ElasticsearchClients {
    private ElasticsearchClients() {
    }

    public static ElasticsearchClient connect(String url, String apiKey) {
        RestClient rest = RestClient.builder(HttpHost.create(url))
                .setDefaultHeaders(apiKey == null || apiKey.isBlank()
                        ? new Header[0]
                        : new Header[] {new BasicHeader("Authorization", "ApiKey " + apiKey)})
                .build();
        return new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
    }
}
