package io.srespace.fixer.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XmlRpcClientTest {

  @Test
  void writesStringsBooleansAndIntegersEscaped() {
    assertThat(XmlRpcClient.request("supervisor.stopProcess", "a<b&c", true, 7))
        .isEqualTo(
            "<?xml version=\"1.0\"?><methodCall><methodName>supervisor.stopProcess</methodName>"
                + "<params><param><value><string>a&lt;b&amp;c</string></value></param>"
                + "<param><value><boolean>1</boolean></value></param>"
                + "<param><value><int>7</int></value></param></params></methodCall>");
  }

  @Test
  void readsAStructAsSupervisordAnswersGetProcessInfo() throws Exception {
    Object info =
        read(
            """
            <?xml version='1.0'?>
            <methodResponse>
            <params>
            <param>
            <value><struct>
            <member>
            <name>name</name>
            <value><string>user-service</string></value>
            </member>
            <member>
            <name>pid</name>
            <value><int>4242</int></value>
            </member>
            <member>
            <name>statename</name>
            <value><string>RUNNING</string></value>
            </member>
            <member>
            <name>description</name>
            <value>pid 4242, uptime 0:00:05</value>
            </member>
            <member>
            <name>tags</name>
            <value><array><data>
            <value><boolean>0</boolean></value>
            <value><double>1.5</double></value>
            <value><nil/></value>
            </data></array></value>
            </member>
            </struct></value>
            </param>
            </params>
            </methodResponse>
            """);

    assertThat(info)
        .isEqualTo(
            Map.of(
                "name", "user-service",
                "pid", 4242,
                "statename", "RUNNING",
                "description", "pid 4242, uptime 0:00:05",
                "tags", Arrays.asList(false, 1.5, null)));
  }

  @Test
  void turnsAFaultIntoItsCodeAndString() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    <?xml version='1.0'?>
                    <methodResponse><fault><value><struct>
                    <member><name>faultCode</name><value><int>10</int></value></member>
                    <member><name>faultString</name><value><string>BAD_NAME: policy-service</string></value></member>
                    </struct></value></fault></methodResponse>
                    """))
        .isInstanceOfSatisfying(
            XmlRpcClient.Fault.class,
            fault -> {
              assertThat(fault.code()).isEqualTo(10);
              assertThat(fault.faultString()).isEqualTo("BAD_NAME: policy-service");
              assertThat(fault.name()).isEqualTo("BAD_NAME");
            });
  }

  @Test
  void refusesAnAnswerThatIsNotXmlRpc() {
    assertThatThrownBy(() -> read("<html><body>Not Found</body></html>"))
        .isInstanceOf(IOException.class)
        .hasMessage("not an XML-RPC answer: root element <html>");
    assertThatThrownBy(() -> read("Unauthorized"))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("not an XML-RPC answer: Unauthorized");
  }

  @Test
  void refusesADocumentTypeDeclaration() {
    assertThatThrownBy(
            () ->
                read(
                    "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                        + "<methodResponse><params><param><value>&e;</value></param></params>"
                        + "</methodResponse>"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void readsAnEmptyParamsAsNull() throws Exception {
    assertThat(read("<methodResponse><params/></methodResponse>")).isNull();
    assertThat(
            read(
                "<methodResponse><params><param><value><array><data/></array></value></param></params></methodResponse>"))
        .isEqualTo(List.of());
  }

  private static Object read(String xml) throws Exception {
    return XmlRpcClient.response(xml.strip().getBytes(StandardCharsets.UTF_8));
  }
}
