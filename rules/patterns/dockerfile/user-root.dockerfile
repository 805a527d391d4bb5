FROM maven:3.9-eclipse-temurin-21 AS build
# ok: patterns.dockerfile.user-root
USER root
RUN mkdir -p /workspace && chown -R 1000:1000 /workspace
WORKDIR /workspace
COPY pom.xml .
RUN mvn -B dependency:go-offline
COPY src ./src
RUN mvn -B package -DskipTests

FROM eclipse-temurin:21-jre
RUN groupadd --system app && useradd --system --gid app --uid 10001 app
# ok: patterns.dockerfile.user-root
USER root
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
# ok: patterns.dockerfile.user-root
USER app
COPY --from=build /workspace/target/app.jar /opt/app/app.jar
# ruleid: patterns.dockerfile.user-root
USER 0:0
EXPOSE 8080
# ruleid: patterns.dockerfile.user-root
ENTRYPOINT ["/usr/bin/tini", "--", "java", "-jar", "/opt/app/app.jar"]
