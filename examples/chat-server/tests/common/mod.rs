//! What the chat server's HTTP tests share: a client of a running server.

use std::time::Duration;

use permissions_chat_server::seed::GUILD;
use reqwest::{Method, StatusCode};
use serde_json::Value;

/// A client of the server at `base` (`http://127.0.0.1:PORT`), sending the seed users'
/// tokens.
pub struct Client {
    pub base: String,
    /// The HTTP client, for requests the methods do not make.
    pub http: reqwest::Client,
}

#[allow(dead_code, reason = "each test file uses some of the methods")]
impl Client {
    pub fn new(base: String) -> Client {
        let http = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(10))
            .build()
            .expect("client");
        Client { base, http }
    }

    /// Sends a request as `user` (a seed user's name, or `None` for no token) and returns the
    /// status and the JSON body (`Null` if the body is empty).
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        user: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(user) = user {
            request = request.bearer_auth(format!("{user}-token"));
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("a response");
        let status = response.status();
        let bytes = response.bytes().await.expect("a body");
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| panic!("{path}: not JSON: {}", String::from_utf8_lossy(&bytes)))
        };
        (status, body)
    }

    pub async fn get(&self, path: &str, user: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, Some(user), None).await
    }

    pub async fn post(&self, path: &str, user: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, path, Some(user), Some(body)).await
    }

    pub async fn put(&self, path: &str, user: &str) -> (StatusCode, Value) {
        self.call(Method::PUT, path, Some(user), None).await
    }

    pub async fn delete(&self, path: &str, user: &str) -> (StatusCode, Value) {
        self.call(Method::DELETE, path, Some(user), None).await
    }

    /// The user's resolved permissions: in the guild, and in the channel `channel`.
    pub async fn permissions(&self, user: &str, channel: i64) -> (String, String) {
        let (status, me) = self.get(&format!("/guilds/{GUILD}/me"), user).await;
        assert_eq!(status, StatusCode::OK, "{me}");
        let in_channel = me["channels"]
            .as_array()
            .and_then(|all| all.iter().find(|c| c["id"] == channel))
            .map(|c| c["permissions"].as_str().unwrap_or_default().to_owned())
            .expect("the channel");
        let guild = me["permissions"].as_str().unwrap_or_default().to_owned();
        (guild, in_channel)
    }
}
